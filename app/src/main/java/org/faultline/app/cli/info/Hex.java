package org.faultline.app.cli.info;

/** Lowercase hex as reports write addresses, sizes and codes: {@code 0x7c900000}. */
public final class Hex {
    private Hex() {
    }

    public static String of(long value) {
        return "0x" + Long.toHexString(value);
    }
}
