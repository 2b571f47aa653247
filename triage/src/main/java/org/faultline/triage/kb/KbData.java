package org.faultline.triage.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Loading of the bundled resources and the few string helpers the catalogs share. */
final class KbData {
    private KbData() {
    }

    static InputStream open(String resource) {
        InputStream in = KbData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing knowledge-base resource " + resource);
        }
        return in;
    }

    static JsonNode json(String resource) {
        try (InputStream in = open(resource)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read knowledge-base resource " + resource, e);
        }
    }

    /**
     * Rows of a tab-separated resource: lines starting with {@code #} are comments, the first other line is the
     * header (checked against {@code header}), every later line must have exactly that many fields.
     */
    static List<String[]> tsv(String resource, String... header) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            boolean seenHeader = false;
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (!seenHeader) {
                    if (!List.of(fields).equals(List.of(header))) {
                        throw new IllegalStateException(resource + ": unexpected header " + line);
                    }
                    seenHeader = true;
                    continue;
                }
                if (fields.length != header.length) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected " + header.length
                            + " fields, found " + fields.length);
                }
                rows.add(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read knowledge-base resource " + resource, e);
        }
        return rows;
    }

    /** Parses {@code 0x...} hex or plain decimal as an unsigned 64-bit value. */
    static long number(String text) {
        String t = text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        return Long.parseUnsignedLong(t);
    }

    /**
     * The file-name part of a name taken from a dump: the text after the last {@code \} or {@code /}, stripped of white space,
     * folded to lower case with {@link Locale#ROOT}. No other path handling; the text is never a pattern.
     */
    static String fileKey(String name) {
        if (name == null) {
            return "";
        }
        int cut = Math.max(name.lastIndexOf('\\'), name.lastIndexOf('/'));
        return name.substring(cut + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** Hex as the catalogs print codes: {@code 0x} and at least 8 upper-case digits. */
    static String hex(long value) {
        return String.format("0x%08X", value);
    }
}
