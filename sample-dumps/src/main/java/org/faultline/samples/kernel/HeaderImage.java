package org.faultline.samples.kernel;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.faultline.samples.io.LeWriter;
import org.faultline.samples.minidump.CpuContext;

/** Writes the DUMP_HEADER64/32 page(s) of a {@link SynthKernelDump}. */
final class HeaderImage {
    private static final long SIG_PAGE = 0x4547_4150L;
    private static final long VALID_DU64 = 0x3436_5544L;
    private static final long VALID_DUMP = 0x504D_5544L;

    private HeaderImage() {
    }

    /** Values the writer uses for fields the caller did not set; fields absent here stay {@code PAGE}. */
    private static Map<HeaderField, Long> defaults(Arch arch) {
        Map<HeaderField, Long> d = new EnumMap<>(HeaderField.class);
        d.put(HeaderField.SIGNATURE, SIG_PAGE);
        d.put(HeaderField.VALID_DUMP, arch.is64() ? VALID_DU64 : VALID_DUMP);
        d.put(HeaderField.MAJOR_VERSION, 0xFL);
        d.put(HeaderField.MINOR_VERSION, 19041L);
        d.put(HeaderField.MACHINE_IMAGE_TYPE, (long) arch.machineImageType());
        d.put(HeaderField.NUMBER_PROCESSORS, 1L);
        d.put(HeaderField.PRODUCT_TYPE, 1L);
        d.put(HeaderField.SUITE_MASK, 0x110L);
        d.put(HeaderField.WRITER_STATUS, 0L);
        for (HeaderField f : new HeaderField[] {HeaderField.DIRECTORY_TABLE_BASE, HeaderField.PFN_DATA_BASE,
            HeaderField.PS_LOADED_MODULE_LIST, HeaderField.PS_ACTIVE_PROCESS_HEAD, HeaderField.BUGCHECK_CODE,
            HeaderField.BUGCHECK_PARAMETER1, HeaderField.BUGCHECK_PARAMETER2, HeaderField.BUGCHECK_PARAMETER3,
            HeaderField.BUGCHECK_PARAMETER4, HeaderField.KD_DEBUGGER_DATA_BLOCK, HeaderField.SYSTEM_TIME,
            HeaderField.SYSTEM_UP_TIME, HeaderField.KD_SECONDARY_VERSION, HeaderField.PAE_ENABLED}) {
            d.put(f, 0L);
        }
        return d;
    }

    /**
     * The header bytes. {@code computed} holds values derived from the body (DumpType, RequiredDumpSpace,
     * MiniDumpFields); {@code memoryBlock}, if not null, is the PHYSICAL_MEMORY_DESCRIPTOR.
     */
    static byte[] build(SynthKernelDump b, Map<HeaderField, Long> computed, byte[] memoryBlock) {
        Arch arch = b.arch;
        byte[] h = PageFill.at(0, arch.headerSize());
        Map<HeaderField, Long> defaults = defaults(arch);
        for (HeaderField f : HeaderField.values()) {
            if (!f.existsIn(arch) || !f.isNumeric() || b.unset.contains(f)) {
                continue;
            }
            Long v = b.header.containsKey(f) ? b.header.get(f) : computed.containsKey(f) ? computed.get(f) : defaults.get(f);
            if (v != null) {
                LeWriter.putLe(h, f.offset(arch), v, f.size(arch));
            }
        }
        if (b.versionUser != null && !b.unset.contains(HeaderField.VERSION_USER)) {
            ascii(h, HeaderField.VERSION_USER.offset(arch), b.versionUser, 32);
        }
        if (b.comment != null && !b.unset.contains(HeaderField.COMMENT)) {
            ascii(h, HeaderField.COMMENT.offset(arch), b.comment, 128);
        }
        CpuContext<?> ctx = context(b);
        if (!b.unset.contains(HeaderField.CONTEXT_RECORD)) {
            byte[] c = ctx.toBytes();
            if (c.length > HeaderField.CONTEXT_RECORD.size(arch)) {
                throw new IllegalStateException("a CONTEXT of " + c.length + " bytes does not fit the header's "
                        + HeaderField.CONTEXT_RECORD.size(arch));
            }
            System.arraycopy(c, 0, h, HeaderField.CONTEXT_RECORD.offset(arch), c.length);
        }
        if (!b.unset.contains(HeaderField.EXCEPTION)) {
            ExceptionRecord e = b.headerException != null ? b.headerException
                    : ExceptionRecord.breakpoint(ctx.get(arch.pcRegister()));
            e.writeInto(h, HeaderField.EXCEPTION.offset(arch), arch);
        }
        if (memoryBlock != null && !b.unset.contains(HeaderField.PHYSICAL_MEMORY_BLOCK)) {
            System.arraycopy(memoryBlock, 0, h, HeaderField.PHYSICAL_MEMORY_BLOCK.offset(arch), memoryBlock.length);
        }
        return h;
    }

    /** The header context as it will be written. */
    static CpuContext<?> context(SynthKernelDump b) {
        return b.headerContext != null ? b.headerContext : b.arch.newContext();
    }

    private static void ascii(byte[] h, int at, String text, int size) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, h, at, t.length);
        for (int i = t.length; i < size; i++) {
            h[at + i] = 0;
        }
    }
}
