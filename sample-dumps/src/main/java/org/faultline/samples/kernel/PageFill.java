package org.faultline.samples.kernel;

/** The DWORD {@code PAGE} (0x45474150) the kernel pre-fills dump headers with. */
final class PageFill {
    /** The fill as a u32. */
    static final long DWORD = 0x4547_4150L;

    private PageFill() {
    }

    /** The fill as it appears at file offsets {@code [offset, offset + size)} of a header filled from 0. */
    static byte[] at(long offset, long size) {
        byte[] out = new byte[Math.toIntExact(size)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (DWORD >>> (8 * ((offset + i) & 3)));
        }
        return out;
    }
}
