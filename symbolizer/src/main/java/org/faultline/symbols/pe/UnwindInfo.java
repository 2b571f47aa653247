package org.faultline.symbols.pe;

import java.util.ArrayList;
import java.util.List;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * x64 UNWIND_INFO, decoded: header, unwind codes, and what follows the (even-padded) code array — a chained
 * RUNTIME_FUNCTION when {@link #FLAG_CHAININFO} is set, else the handler RVA when a handler flag is set.
 *
 * @param rva            where the structure lives
 * @param version        1, or 2 (adds {@link UnwindOp#EPILOG} codes)
 * @param flags          UNW_FLAG_* bits
 * @param sizeOfProlog   prolog length in bytes
 * @param countOfCodes   raw CountOfCodes (16-bit slots, not operations)
 * @param frameRegister  0 for none, else the register number (see {@link UnwindCode#registerName})
 * @param frameOffset    raw FrameOffset nibble (scaled by 16 when used)
 * @param codes          the decoded operations in array order (last prolog instruction first)
 * @param chained        the parent entry for chained info, else {@code null}
 * @param handlerRva     the exception/termination handler RVA, or -1 when none
 */
public record UnwindInfo(long rva, int version, int flags, int sizeOfProlog, int countOfCodes, int frameRegister,
                         int frameOffset, List<UnwindCode> codes, RuntimeFunction chained, long handlerRva) {
    public static final int HEADER_SIZE = 4;
    public static final int FLAG_EHANDLER = 0x1;
    public static final int FLAG_UHANDLER = 0x2;
    public static final int FLAG_CHAININFO = 0x4;

    public UnwindInfo {
        codes = List.copyOf(codes);
    }

    /**
     * Reads UNWIND_INFO at the cursor's position; the cursor's region bounds how much may be read.
     *
     * @throws DumpFormatException.UnsupportedFormat for versions other than 1 and 2
     * @throws DumpFormatException.InvalidValue      for an undefined operation or one that overruns the array
     */
    public static UnwindInfo read(Cursor c, long rva) throws DumpFormatException {
        long at = c.absolutePosition();
        int b0 = c.u8();
        int version = b0 & 7;
        int flags = b0 >>> 3;
        if (version != 1 && version != 2) {
            throw new DumpFormatException.UnsupportedFormat(c.structure(), at,
                    "UNWIND_INFO version " + version + " (only 1 and 2 exist)");
        }
        int prolog = c.u8();
        int count = c.u8();
        int b3 = c.u8();
        int[] slots = new int[count];
        for (int i = 0; i < count; i++) {
            slots[i] = c.u16();
        }
        if ((count & 1) != 0) {
            c.skip(2);
        }
        List<UnwindCode> codes = new ArrayList<>();
        int i = 0;
        while (i < count) {
            int slot = slots[i];
            int codeOffset = slot & 0xFF;
            int opNumber = (slot >>> 8) & 0xF;
            int opInfo = slot >>> 12;
            UnwindOp op = UnwindOp.of(opNumber);
            if (op == null) {
                throw new DumpFormatException.InvalidValue(c.structure(), at + HEADER_SIZE + 2L * i,
                        "undefined unwind operation " + opNumber);
            }
            int n = op.slots(opInfo);
            if (i + n > count) {
                throw new DumpFormatException.InvalidValue(c.structure(), at + HEADER_SIZE + 2L * i,
                        op + " needs " + n + " slots, only " + (count - i) + " remain");
            }
            long next1 = n > 1 ? slots[i + 1] : 0;
            long next2 = n > 2 ? (next1 | (long) slots[i + 2] << 16) : 0;
            long operand = switch (op) {
                case ALLOC_SMALL -> opInfo * 8L + 8;
                case ALLOC_LARGE -> opInfo == 0 ? next1 * 8 : next2;
                case SAVE_NONVOL -> next1 * 8;
                case SAVE_XMM128 -> next1 * 16;
                case SAVE_NONVOL_FAR, SAVE_XMM128_FAR, SPARE_CODE -> next2;
                case EPILOG -> next1;
                case PUSH_MACHFRAME -> opInfo;
                default -> 0;
            };
            codes.add(new UnwindCode(codeOffset, op, opInfo, operand, n));
            i += n;
        }
        RuntimeFunction chained = null;
        long handler = -1;
        if ((flags & FLAG_CHAININFO) != 0) {
            chained = RuntimeFunction.read(c);
        } else if ((flags & (FLAG_EHANDLER | FLAG_UHANDLER)) != 0) {
            handler = c.u32();
        }
        return new UnwindInfo(rva, version, flags, prolog, count, b3 & 0xF, b3 >>> 4, codes, chained, handler);
    }

    public boolean isChained() {
        return chained != null;
    }

    /** The frame register's name, or {@code null} when the function has none. */
    public String frameRegisterName() {
        return frameRegister == 0 ? null : UnwindCode.registerName(frameRegister);
    }
}
