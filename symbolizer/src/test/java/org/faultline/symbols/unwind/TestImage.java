package org.faultline.symbols.unwind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.faultline.dump.io.ArrayByteSource;
import org.faultline.dump.io.DumpFormatException;
import org.faultline.symbols.pe.PeFile;

/**
 * A minimal PE32+ image in the mapped layout (offset = RVA), written from the PE/COFF layout in symbols.md §1:
 * headers, an exception directory at {@link #PDATA}, unwind data at {@link #XDATA} and code at {@link #TEXT}.
 */
final class TestImage {
    static final int PDATA = 0x400;
    static final int XDATA = 0x800;
    static final int TEXT = 0x1000;
    static final int SIZE = 0x3000;

    private final ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final int machine;
    private int pdataBytes;
    private int xdataAt = XDATA;

    TestImage(int machine) {
        this.machine = machine;
    }

    static TestImage x64() {
        return new TestImage(0x8664);
    }

    static TestImage arm64() {
        return new TestImage(0xAA64);
    }

    /** Appends UNWIND_INFO / .xdata bytes (4-byte aligned) and returns their RVA. */
    int xdata(byte... data) {
        int rva = xdataAt;
        b.put(rva, data);
        xdataAt = (rva + data.length + 3) & ~3;
        return rva;
    }

    /** Appends an x64 RUNTIME_FUNCTION (entries must come in address order). */
    TestImage function(int begin, int end, int unwindInfo) {
        b.putInt(PDATA + pdataBytes, begin).putInt(PDATA + pdataBytes + 4, end).putInt(PDATA + pdataBytes + 8, unwindInfo);
        pdataBytes += 12;
        return this;
    }

    /** Appends an ARM64 .pdata entry: start and the second word (an .xdata RVA or a packed word). */
    TestImage arm64Function(int begin, int word) {
        b.putInt(PDATA + pdataBytes, begin).putInt(PDATA + pdataBytes + 4, word);
        pdataBytes += 8;
        return this;
    }

    TestImage code(int rva, byte... data) {
        b.put(rva, data);
        return this;
    }

    PeFile build() throws DumpFormatException {
        b.putShort(0, (short) 0x5A4D).putInt(0x3C, 0x40);
        b.putInt(0x40, 0x4550);
        b.putShort(0x44, (short) machine).putShort(0x46, (short) 0).putShort(0x54, (short) 0xF0).putShort(0x56, (short) 0x22);
        int opt = 0x58;
        b.putShort(opt, (short) 0x20B);
        b.putLong(opt + 0x18, 0x1_8000_0000L); // ImageBase
        b.putInt(opt + 0x20, 0x1000).putInt(opt + 0x24, 0x200);
        b.putInt(opt + 0x38, SIZE).putInt(opt + 0x3C, 0x200);
        b.putInt(opt + 0x6C, 16);
        b.putInt(opt + 0x70 + 3 * 8, PDATA).putInt(opt + 0x70 + 3 * 8 + 4, pdataBytes);
        return PeFile.read(new ArrayByteSource(b.array(), "test image"), PeFile.Layout.MAPPED);
    }

    /** UNWIND_INFO bytes: header, the 16-bit slots (padded to an even count), then {@code tail} (chained entry). */
    static byte[] unwindInfo(int version, int flags, int prolog, int frameRegister, int frameOffset, int[] slots,
                             int... tail) {
        int count = slots.length;
        ByteBuffer u = ByteBuffer.allocate(4 + 2 * ((count + 1) & ~1) + 4 * tail.length).order(ByteOrder.LITTLE_ENDIAN);
        u.put((byte) (version | flags << 3)).put((byte) prolog).put((byte) count)
                .put((byte) (frameRegister | frameOffset << 4));
        for (int s : slots) {
            u.putShort((short) s);
        }
        if ((count & 1) != 0) {
            u.putShort((short) 0);
        }
        for (int t : tail) {
            u.putInt(t);
        }
        return u.array();
    }

    /** One UNWIND_CODE slot. */
    static int code(int codeOffset, int op, int info) {
        return codeOffset | op << 8 | info << 12;
    }
}
