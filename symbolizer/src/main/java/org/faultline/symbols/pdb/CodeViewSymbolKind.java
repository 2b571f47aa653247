package org.faultline.symbols.pdb;

/** CodeView symbol record kinds used here (cvinfo.h {@code SYM_ENUM_e}). */
public final class CodeViewSymbolKind {
    private CodeViewSymbolKind() {
    }

    public static final int S_PUB32 = 0x110E;
    public static final int S_LPROC32 = 0x110F;
    public static final int S_GPROC32 = 0x1110;
    public static final int S_PROCREF = 0x1125;
    public static final int S_LPROCREF = 0x1127;
    public static final int S_LPROC32_ID = 0x1146;
    public static final int S_GPROC32_ID = 0x1147;
    public static final int S_LPROC32_DPC = 0x1155;
    public static final int S_LPROC32_DPC_ID = 0x1156;

    /** Whether {@code kind} is one of the PROCSYM32 procedure records. */
    public static boolean isProcedure(int kind) {
        return kind == S_LPROC32 || kind == S_GPROC32 || kind == S_LPROC32_ID || kind == S_GPROC32_ID
                || kind == S_LPROC32_DPC || kind == S_LPROC32_DPC_ID;
    }

    /** {@code S_GPROC32} etc., or the hex kind. */
    public static String name(int kind) {
        return switch (kind) {
            case S_PUB32 -> "S_PUB32";
            case S_LPROC32 -> "S_LPROC32";
            case S_GPROC32 -> "S_GPROC32";
            case S_LPROC32_ID -> "S_LPROC32_ID";
            case S_GPROC32_ID -> "S_GPROC32_ID";
            case S_LPROC32_DPC -> "S_LPROC32_DPC";
            case S_LPROC32_DPC_ID -> "S_LPROC32_DPC_ID";
            default -> String.format("0x%04X", kind);
        };
    }
}
