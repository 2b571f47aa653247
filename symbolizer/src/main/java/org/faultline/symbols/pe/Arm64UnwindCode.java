package org.faultline.symbols.pe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One ARM64 unwind code: its bytes and its mnemonic. Only the length and the name are decoded here (enough to
 * split the code stream); the unwinder interprets the operands.
 *
 * @param index byte index in the record's code array
 * @param bytes the code's bytes (1 to 5)
 * @param name  Microsoft's name ({@code alloc_s}, {@code save_fplr_x}, {@code end}, …) or {@code reserved}
 */
public record Arm64UnwindCode(int index, byte[] bytes, String name) {

    public Arm64UnwindCode {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The first byte, unsigned. */
    public int opcode() {
        return bytes[0] & 0xFF;
    }

    /** {@code end} or {@code end_c}: the last code of a prolog or epilog sequence. */
    public boolean isEnd() {
        return opcode() == 0xE4 || opcode() == 0xE5;
    }

    /** Length in bytes of the code starting with {@code b}, per Microsoft's ARM64 unwind code table. */
    public static int length(int b) {
        if (b < 0xC0) {
            return 1; // alloc_s, save_r19r20_x, save_fplr, save_fplr_x
        }
        if (b < 0xE0) {
            return 2; // alloc_m, save_regp(_x), save_reg(_x), save_lrpair, save_fregp(_x), save_freg(_x), alloc_z
        }
        return switch (b) {
            case 0xE0 -> 4; // alloc_l
            case 0xE2 -> 2; // add_fp
            case 0xE7 -> 3; // save_any_reg
            case 0xF8 -> 2;
            case 0xF9 -> 3;
            case 0xFA -> 4;
            case 0xFB -> 5;
            default -> 1;
        };
    }

    /** Microsoft's mnemonic for the code starting with {@code b}. */
    public static String name(int b) {
        if (b < 0x20) {
            return "alloc_s";
        }
        if (b < 0x40) {
            return "save_r19r20_x";
        }
        if (b < 0x80) {
            return "save_fplr";
        }
        if (b < 0xC0) {
            return "save_fplr_x";
        }
        if (b < 0xC8) {
            return "alloc_m";
        }
        if (b < 0xCC) {
            return "save_regp";
        }
        if (b < 0xD0) {
            return "save_regp_x";
        }
        if (b < 0xD4) {
            return "save_reg";
        }
        if (b < 0xD6) {
            return "save_reg_x";
        }
        if (b < 0xD8) {
            return "save_lrpair";
        }
        if (b < 0xDA) {
            return "save_fregp";
        }
        if (b < 0xDC) {
            return "save_fregp_x";
        }
        if (b < 0xDE) {
            return "save_freg";
        }
        return switch (b) {
            case 0xDE -> "save_freg_x";
            case 0xDF -> "alloc_z";
            case 0xE0 -> "alloc_l";
            case 0xE1 -> "set_fp";
            case 0xE2 -> "add_fp";
            case 0xE3 -> "nop";
            case 0xE4 -> "end";
            case 0xE5 -> "end_c";
            case 0xE6 -> "save_next";
            case 0xE7 -> "save_any_reg";
            case 0xE8 -> "MSFT_OP_TRAP_FRAME";
            case 0xE9 -> "MSFT_OP_MACHINE_FRAME";
            case 0xEA -> "MSFT_OP_CONTEXT";
            case 0xEB -> "MSFT_OP_EC_CONTEXT";
            case 0xEC -> "MSFT_OP_CLEAR_UNWOUND_TO_CALL";
            case 0xFC -> "pac_sign_lr";
            default -> "reserved";
        };
    }

    /**
     * Splits {@code codes} from byte {@code start} into codes, stopping after the first {@code end}/{@code end_c}
     * or at the end of the array. A code cut off by the end of the array is returned with the bytes that exist.
     */
    public static List<Arm64UnwindCode> decode(byte[] codes, int start) {
        List<Arm64UnwindCode> out = new ArrayList<>();
        int i = Math.max(0, start);
        while (i < codes.length) {
            int b = codes[i] & 0xFF;
            int n = Math.min(length(b), codes.length - i);
            Arm64UnwindCode code = new Arm64UnwindCode(i, Arrays.copyOfRange(codes, i, i + n), name(b));
            out.add(code);
            i += n;
            if (code.isEnd()) {
                break;
            }
        }
        return out;
    }
}
