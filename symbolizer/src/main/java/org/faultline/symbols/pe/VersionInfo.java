package org.faultline.symbols.pe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faultline.dump.minidump.VsFixedFileInfo;

/**
 * An image's version resource (VS_VERSIONINFO): the fixed file info and the StringFileInfo tables. Triage uses
 * CompanyName and ProductName to tell Microsoft code from third-party code.
 *
 * @param fixed  VS_FIXEDFILEINFO, or {@code null} when the resource has none
 * @param tables the StringTables in file order (key: language and code page, e.g. {@code 040904B0})
 */
public record VersionInfo(VsFixedFileInfo fixed, List<StringTable> tables) {
    public static final String COMPANY_NAME = "CompanyName";
    public static final String PRODUCT_NAME = "ProductName";
    public static final String FILE_VERSION = "FileVersion";
    public static final String PRODUCT_VERSION = "ProductVersion";
    public static final String FILE_DESCRIPTION = "FileDescription";
    public static final String ORIGINAL_FILENAME = "OriginalFilename";

    /** One StringTable: its language/code-page key and its strings in file order. */
    public record StringTable(String key, Map<String, String> strings) {
        public StringTable {
            strings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(strings));
        }
    }

    public VersionInfo {
        tables = List.copyOf(tables);
    }

    /** The value of {@code key} in the first table that has it. */
    public Optional<String> string(String key) {
        for (StringTable t : tables) {
            String v = t.strings().get(key);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public Optional<String> companyName() {
        return string(COMPANY_NAME);
    }

    public Optional<String> productName() {
        return string(PRODUCT_NAME);
    }

    public Optional<String> fileVersion() {
        return string(FILE_VERSION);
    }

    public Optional<String> fileDescription() {
        return string(FILE_DESCRIPTION);
    }

    public Optional<String> originalFilename() {
        return string(ORIGINAL_FILENAME);
    }
}
