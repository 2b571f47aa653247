package org.faultline.dump.io;

import java.util.Arrays;
import java.util.HexFormat;

/** A Windows GUID as stored on disk: Data1 (u32), Data2 (u16), Data3 (u16), Data4 (8 bytes). */
public record Guid(long data1, int data2, int data3, byte[] data4) {

    public Guid {
        data4 = data4.clone();
    }

    @Override
    public byte[] data4() {
        return data4.clone();
    }

    /** 32 uppercase hex digits, as symbol servers key PDBs: {@code %08X%04X%04X} then Data4. */
    public String toCompactHex() {
        StringBuilder b = new StringBuilder(32);
        pad(b, Long.toHexString(data1), 8);
        pad(b, Integer.toHexString(data2), 4);
        pad(b, Integer.toHexString(data3), 4);
        return b.append(HexFormat.of().withUpperCase().formatHex(data4)).toString();
    }

    /** {@code %0nX} without {@code String.format} (this runs for every module of every dump in a fleet). */
    private static void pad(StringBuilder b, String hex, int width) {
        for (int i = hex.length(); i < width; i++) {
            b.append('0');
        }
        b.append(hex.toUpperCase(java.util.Locale.ROOT));
    }

    /** The registry form {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, lowercase. */
    @Override
    public String toString() {
        String d4 = HexFormat.of().formatHex(data4);
        return String.format("%08x-%04x-%04x-", data1, data2, data3) + d4.substring(0, 4) + "-" + d4.substring(4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Guid g && g.data1 == data1 && g.data2 == data2 && g.data3 == data3
                && Arrays.equals(g.data4, data4);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(data1) * 31 + Arrays.hashCode(data4);
    }
}
