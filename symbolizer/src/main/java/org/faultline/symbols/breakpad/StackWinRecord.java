package org.faultline.symbols.breakpad;

/**
 * {@code STACK WIN <type> <rva> <code_size> <prolog_size> <epilog_size> <parameter_size> <saved_register_size>
 * <local_size> <max_stack_size> <has_program_string> <program_string | allocates_base_pointer>}: x86 frame data.
 *
 * @param type                 0 FPO, 4 FrameData (others exist: 1 trap, 2 TSS, 3 standard)
 * @param programString        the postfix program when {@code hasProgramString}, else {@code null}
 * @param allocatesBasePointer when there is no program string: whether the function sets up EBP
 */
public record StackWinRecord(int type, long rva, long codeSize, long prologSize, long epilogSize,
                             long parameterSize, long savedRegisterSize, long localSize, long maxStackSize,
                             boolean hasProgramString, String programString, boolean allocatesBasePointer) {
    public static final int TYPE_FPO = 0;
    public static final int TYPE_FRAME_DATA = 4;

    public boolean covers(long address) {
        return address >= rva && address - rva < codeSize;
    }
}
