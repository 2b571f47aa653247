package org.faultline.dump;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.faultline.dump.io.ByteSource;
import org.faultline.dump.io.DumpAccessException;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.dump.io.MappedByteSource;

/** Entry points for recognising crash-dump files by their signature. */
public final class DumpFiles {
    /** Offset of DumpType in DUMP_HEADER64. */
    private static final long DUMP_TYPE_OFFSET_64 = 0xF98;
    /** Offset of DumpType in DUMP_HEADER32. */
    private static final long DUMP_TYPE_OFFSET_32 = 0xF88;

    private DumpFiles() {
    }

    /** Detects the kind of dump in {@code path} from the bytes at offset 0. */
    public static DetectedDump detect(Path path) throws DumpAccessException, DumpFormatException {
        try (MappedByteSource source = MappedByteSource.open(path)) {
            return detect(source);
        }
    }

    /** Detects the kind of dump held by {@code source}. */
    public static DetectedDump detect(ByteSource source) throws DumpFormatException {
        long size = source.size();
        byte[] head = source.bytes(0, (int) Math.min(8, size), "file signature");
        if (startsWith(head, "MDMP")) {
            return new DetectedDump(DumpKind.MINIDUMP, size, OptionalLong.empty());
        }
        for (DumpKind kind : DumpKind.values()) {
            if (kind != DumpKind.MINIDUMP && startsWith(head, kind.signature())) {
                OptionalLong dumpType = OptionalLong.empty();
                if (kind.isKernel()) {
                    long at = kind == DumpKind.KERNEL_DUMP_64 ? DUMP_TYPE_OFFSET_64 : DUMP_TYPE_OFFSET_32;
                    if (at + 4 <= size) {
                        dumpType = OptionalLong.of(source.u32At(at));
                    }
                }
                return new DetectedDump(kind, size, dumpType);
            }
        }
        throw new DumpFormatException.BadSignature("file signature", 0, describeUnknown(head));
    }

    private static boolean startsWith(byte[] head, String signature) {
        byte[] sig = signature.getBytes(StandardCharsets.US_ASCII);
        if (head.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (head[i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code unknown signature 23 20 46 61 ("# Fa")}: the first four bytes in hex and as printable text. */
    static String describeUnknown(byte[] head) {
        if (head.length == 0) {
            return "empty file, no signature";
        }
        int n = Math.min(4, head.length);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(HexFormat.of().toHexDigits(head[i]));
            int c = head[i] & 0xFF;
            text.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        String what = n < 4 ? "file too short (" + head.length + " bytes) for a signature: " : "unknown signature ";
        return what + hex + " (\"" + text + "\")";
    }
}
