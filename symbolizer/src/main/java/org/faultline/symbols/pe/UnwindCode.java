package org.faultline.symbols.pe;

/**
 * One decoded x64 unwind operation (which may span several 16-bit slots).
 *
 * @param codeOffset offset from the function start of the end of the prolog instruction (for
 *                   {@link UnwindOp#EPILOG}: the raw CodeOffset byte)
 * @param op         the operation
 * @param opInfo     the raw OpInfo nibble (register number for pushes and saves)
 * @param operand    decoded operand: allocation size in bytes (ALLOC_*), save offset in bytes (SAVE_*), the
 *                   error-code flag (PUSH_MACHFRAME), the raw following slot(s) for EPILOG and SPARE_CODE, else 0
 * @param slots      how many slots the operation took
 */
public record UnwindCode(int codeOffset, UnwindOp op, int opInfo, long operand, int slots) {
    private static final String[] GPR = {"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI", "R8", "R9", "R10",
        "R11", "R12", "R13", "R14", "R15"};

    /** The x64 general-purpose register with this number (0 RAX … 15 R15). */
    public static String registerName(int number) {
        return GPR[number & 15];
    }

    /** The register the operation saves or pushes ({@code XMMn} for the XMM saves), or {@code null}. */
    public String register() {
        return switch (op) {
            case PUSH_NONVOL, SAVE_NONVOL, SAVE_NONVOL_FAR -> registerName(opInfo);
            case SAVE_XMM128, SAVE_XMM128_FAR -> "XMM" + opInfo;
            default -> null;
        };
    }
}
