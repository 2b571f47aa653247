package org.faultline.symbols.unwind;

import org.faultline.dump.CpuContext;

/**
 * One frame of a walked stack.
 *
 * @param index        0 for the innermost frame
 * @param pc           the frame's instruction pointer (for frames above 0, the return address)
 * @param sp           the stack pointer in this frame
 * @param slot         the stack address the return address was read from, or -1 (frame 0, trap frames)
 * @param trust        how the frame was found
 * @param registers    the registers known for this frame (full for context and trap-frame frames), or null
 */
public record StackFrame(int index, long pc, long sp, long slot, FrameTrust trust, CpuContext registers) {

    /**
     * The address to symbolize: for a return address, the call instruction before it ({@code pc - 1}), so
     * a call that is a function's last instruction is not attributed to the next function.
     */
    public long lookupAddress() {
        return index == 0 || trust == FrameTrust.TRAP_FRAME || trust == FrameTrust.CONTEXT ? pc : pc - 1;
    }
}
