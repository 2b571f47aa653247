package org.faultline.symbols.pe;

/** x64 UNWIND_CODE operations (the low 4 bits of the code's second byte), with the slots each one takes. */
public enum UnwindOp {
    PUSH_NONVOL(0),
    ALLOC_LARGE(1),
    ALLOC_SMALL(2),
    SET_FPREG(3),
    SAVE_NONVOL(4),
    SAVE_NONVOL_FAR(5),
    /** Version 2 only: epilog descriptions. */
    EPILOG(6),
    /** Reserved (older documents: SAVE_XMM); takes 3 slots. */
    SPARE_CODE(7),
    SAVE_XMM128(8),
    SAVE_XMM128_FAR(9),
    PUSH_MACHFRAME(10);

    private final int code;

    UnwindOp(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The operation with this number, or {@code null} for 11..15 (undefined). */
    public static UnwindOp of(int code) {
        for (UnwindOp op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return null;
    }

    /** 16-bit slots taken, including the first: ALLOC_LARGE depends on its OpInfo. */
    public int slots(int opInfo) {
        return switch (this) {
            case PUSH_NONVOL, ALLOC_SMALL, SET_FPREG, PUSH_MACHFRAME -> 1;
            case SAVE_NONVOL, SAVE_XMM128, EPILOG -> 2;
            case SAVE_NONVOL_FAR, SAVE_XMM128_FAR, SPARE_CODE -> 3;
            case ALLOC_LARGE -> opInfo == 0 ? 2 : 3;
        };
    }
}
