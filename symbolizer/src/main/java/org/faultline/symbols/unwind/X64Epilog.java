package org.faultline.symbols.unwind;

import org.faultline.dump.MemoryReader;

/**
 * Recognizes the rest of an x64 epilog at the current instruction and emulates it, as the Microsoft x64
 * exception-handling documentation defines an epilog: an optional {@code add rsp, imm8/imm32} or
 * {@code lea rsp, [frame register + disp]}, zero or more {@code pop} of 64-bit registers, then {@code ret}
 * ({@code C3}, {@code F3 C3}, {@code C2 imm16}) or a tail jump: {@code jmp rel8/rel32} whose target lies outside
 * the function, or {@code jmp qword [mem]} (ModRM mod 00, with or without REX.W). Anything else at pc means pc is
 * not in an epilog.
 */
final class X64Epilog {
    static final int NOT_EPILOG = 0;
    static final int DONE = 1;
    static final int FAILED = 2;
    private static final int MAX_POPS = 16;

    private X64Epilog() {
    }

    /**
     * Unwinds {@code r} through the epilog at {@code pc} when {@code code} (the bytes at pc) is one.
     *
     * @return {@link #DONE} (r now holds the caller's registers), {@link #NOT_EPILOG} (r untouched), or
     *         {@link #FAILED} (an epilog whose stack could not be read)
     */
    static int unwind(byte[] code, long pc, long functionStart, long functionEnd, int frameRegister,
                      X64PeUnwinder.Regs r, MemoryReader memory) {
        int i = 0;
        boolean add = false;
        long imm = 0;
        int leaBase = -1;
        if (at(code, 0) == 0x48 && at(code, 1) == 0x83 && at(code, 2) == 0xC4 && code.length >= 4) {
            add = true;
            imm = code[3];
            i = 4;
        } else if (at(code, 0) == 0x48 && at(code, 1) == 0x81 && at(code, 2) == 0xC4 && code.length >= 7) {
            add = true;
            imm = i32(code, 3);
            i = 7;
        } else if ((at(code, 0) == 0x48 || at(code, 0) == 0x49) && at(code, 1) == 0x8D && code.length >= 3) {
            int modrm = at(code, 2);
            int mod = modrm >> 6;
            int reg = (modrm >> 3) & 7;
            int rm = modrm & 7;
            if (reg != 4 || mod == 3 || rm == 4 || (mod == 0 && rm == 5)) {
                return NOT_EPILOG;
            }
            leaBase = rm | (at(code, 0) & 1) << 3;
            int disp = mod == 1 ? 1 : mod == 2 ? 4 : 0;
            if (code.length < 3 + disp || frameRegister == 0 || leaBase != frameRegister) {
                return NOT_EPILOG;
            }
            imm = disp == 1 ? code[3] : disp == 4 ? i32(code, 3) : 0;
            i = 3 + disp;
        }
        int[] pops = new int[MAX_POPS];
        int popCount = 0;
        while (popCount < MAX_POPS) {
            int b = at(code, i);
            if (b >= 0x58 && b <= 0x5F && b != 0x5C) {
                pops[popCount++] = b - 0x58;
                i++;
            } else if (b == 0x41 && at(code, i + 1) >= 0x58 && at(code, i + 1) <= 0x5F) {
                pops[popCount++] = 8 + at(code, i + 1) - 0x58;
                i += 2;
            } else {
                break;
            }
        }
        long retExtra = 0;
        int b = at(code, i);
        boolean terminator;
        if (b == 0xC3 || (b == 0xF3 && at(code, i + 1) == 0xC3)) {
            terminator = true;
        } else if (b == 0xC2 && code.length >= i + 3) {
            terminator = true;
            retExtra = at(code, i + 1) | at(code, i + 2) << 8;
        } else if (b == 0xE9 && code.length >= i + 5) {
            terminator = outside(pc + i + 5 + i32(code, i + 1), functionStart, functionEnd);
        } else if (b == 0xEB && code.length >= i + 2) {
            terminator = outside(pc + i + 2 + code[i + 1], functionStart, functionEnd);
        } else if (b == 0xFF) {
            terminator = jmpMemory(at(code, i + 1));
        } else if (b == 0x48 && at(code, i + 1) == 0xFF) {
            terminator = jmpMemory(at(code, i + 2));
        } else {
            terminator = false;
        }
        if (!terminator) {
            return NOT_EPILOG;
        }
        if (leaBase >= 0) {
            if (!r.known(leaBase)) {
                return FAILED;
            }
            r.set(X64PeUnwinder.RSP, r.get(leaBase) + imm);
        } else if (add && !r.addRsp(imm)) {
            return FAILED;
        }
        for (int k = 0; k < popCount; k++) {
            if (!r.pop(pops[k], memory)) {
                return FAILED;
            }
        }
        return r.popReturn(memory, retExtra) ? DONE : FAILED;
    }

    /** {@code FF /4} with mod 00: {@code jmp qword [reg]} or {@code jmp qword [rip + disp32]}. */
    private static boolean jmpMemory(int modrm) {
        return modrm >= 0 && (modrm >> 6) == 0 && ((modrm >> 3) & 7) == 4;
    }

    private static boolean outside(long target, long start, long end) {
        return Long.compareUnsigned(target, start) < 0 || Long.compareUnsigned(target, end) >= 0;
    }

    private static int at(byte[] b, int i) {
        return i >= 0 && i < b.length ? b[i] & 0xFF : -1;
    }

    private static int i32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
