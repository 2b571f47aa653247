package org.faultline.samples.kernel;

import java.util.SplittableRandom;

/**
 * A deliberate corruption of a finished kernel dump, applied in the order given to
 * {@link SynthKernelDump#damage(KernelDamage...)}. Every damage sees the {@link KernelLayout} of the undamaged
 * file; a patch outside the (possibly already truncated) file fails with {@link IllegalArgumentException}.
 */
@FunctionalInterface
public interface KernelDamage {
    /** Applies the damage. */
    void apply(KernelPatcher dump);

    // ---- generic ----

    /** Cuts the file to {@code length} bytes. */
    static KernelDamage truncate(long length) {
        return d -> d.truncate(length);
    }

    /** Cuts the file {@code bytes} bytes before its end. */
    static KernelDamage truncateBy(long bytes) {
        return d -> d.truncate(Math.max(0, d.size() - bytes));
    }

    /** Appends bytes after the end of the file. */
    static KernelDamage append(byte[] data) {
        byte[] copy = data.clone();
        return d -> d.append(copy);
    }

    /** Flips one bit. */
    static KernelDamage flipBit(long offset, int bit) {
        return d -> d.flipBit(offset, bit);
    }

    /** Flips {@code count} bits chosen by a {@link SplittableRandom} with {@code seed} (repeatable). */
    static KernelDamage flipRandomBits(long seed, int count) {
        return d -> {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < count; i++) {
                d.flipBit(random.nextLong(d.size()), random.nextInt(8));
            }
        };
    }

    /** Writes a 32-bit value at a file offset. */
    static KernelDamage putU32(long offset, long value) {
        return d -> d.putLe(offset, value, 4);
    }

    /** Writes a 64-bit value at a file offset. */
    static KernelDamage putU64(long offset, long value) {
        return d -> d.putLe(offset, value, 8);
    }

    /** Overwrites bytes at a file offset. */
    static KernelDamage putBytes(long offset, byte[] data) {
        byte[] copy = data.clone();
        return d -> d.putBytes(offset, copy);
    }

    /** Writes a 32-bit value {@code delta} bytes into a labelled region (see {@link KernelLayout}). */
    static KernelDamage putU32(String label, long delta, long value) {
        return d -> d.putLe(d.layout().region(label).offset() + delta, value, 4);
    }

    /** Writes a 64-bit value {@code delta} bytes into a labelled region. */
    static KernelDamage putU64(String label, long delta, long value) {
        return d -> d.putLe(d.layout().region(label).offset() + delta, value, 8);
    }

    /** Fills a labelled region with the {@code PAGE} pattern, aligned to the file's 4-byte grid. */
    static KernelDamage unset(String label) {
        return d -> {
            KernelLayout.Region r = d.layout().region(label);
            d.putBytes(r.offset(), PageFill.at(r.offset(), r.size()));
        };
    }

    // ---- header ----

    /** Sets a numeric header field to {@code value} in its own width. */
    static KernelDamage header(HeaderField field, long value) {
        if (!field.isNumeric()) {
            throw new IllegalArgumentException(field + " is not a number; use putBytes");
        }
        return d -> d.putLe(field.offset(d.layout().arch()), value, field.size(d.layout().arch()));
    }

    /** Refills a header field with {@code PAGE}, as if the kernel never wrote it. */
    static KernelDamage unset(HeaderField field) {
        return d -> {
            Arch arch = d.layout().arch();
            d.putBytes(field.offset(arch), PageFill.at(field.offset(arch), field.size(arch)));
        };
    }

    // ---- triage ----

    /** Sets a TRIAGE_DUMP field to {@code value} in its own width. */
    static KernelDamage triage(TriageField field, long value) {
        return d -> {
            KernelLayout.Region r = d.layout().triage(field);
            d.putLe(r.offset(), value, (int) r.size());
        };
    }

    /** Overwrites the {@code TRGD} marker with {@code TRGX}. */
    static KernelDamage breakValidMarker() {
        return putU32("valid", 0, 0x5847_5254L);
    }

    /** Sets DriverCount, e.g. larger than the data. */
    static KernelDamage driverCount(long count) {
        return triage(TriageField.DRIVER_COUNT, count);
    }

    /** Sets DriverNameOffset of driver entry {@code index}, e.g. past the end of the file. */
    static KernelDamage driverNameOffset(int index, long offset) {
        return putU32("driver[" + index + "]", 0, offset);
    }

    /** Sets the Length (UTF-16 units) of driver {@code index}'s DUMP_STRING, e.g. huge. */
    static KernelDamage driverNameLength(int index, long length) {
        return putU32("driver[" + index + "].name", 0, length);
    }

    /** Replaces the NUL after driver {@code index}'s name with {@code 'X'}. */
    static KernelDamage driverNameWithoutNul(int index) {
        return d -> {
            KernelLayout.Region r = d.layout().region("driver[" + index + "].name");
            d.putLe(r.end() - 2, 'X', 2);
        };
    }

    /** Sets Offset of data block {@code index}'s descriptor, e.g. past the end of the file. */
    static KernelDamage dataBlockOffset(int index, long offset) {
        return putU32("dataBlock[" + index + "].descriptor", 8, offset);
    }

    /** Sets Size of data block {@code index}'s descriptor, e.g. running past the end of the file. */
    static KernelDamage dataBlockSize(int index, long size) {
        return putU32("dataBlock[" + index + "].descriptor", 12, size);
    }

    /** Sets DataBlocksCount. */
    static KernelDamage dataBlocksCount(long count) {
        return triage(TriageField.DATA_BLOCKS_COUNT, count);
    }

    /** Sets the unloaded-driver count (u64 on 64-bit, u32 on 32-bit). */
    static KernelDamage unloadedDriverCount(long count) {
        return d -> d.putLe(d.layout().region("unloaded").offset(), count, d.layout().arch().pointerSize());
    }

    // ---- full and bitmap ----

    /** Sets NumberOfRuns in the header's PHYSICAL_MEMORY_DESCRIPTOR. */
    static KernelDamage numberOfRuns(long count) {
        return d -> d.putLe(HeaderField.PHYSICAL_MEMORY_BLOCK.offset(d.layout().arch()), count, 4);
    }

    /** Sets NumberOfPages in the header's PHYSICAL_MEMORY_DESCRIPTOR. */
    static KernelDamage numberOfPages(long count) {
        return d -> {
            Arch arch = d.layout().arch();
            int block = HeaderField.PHYSICAL_MEMORY_BLOCK.offset(arch);
            d.putLe(block + (arch.is64() ? 8 : 4), count, arch.pointerSize());
        };
    }

    /** Sets PageCount of descriptor run {@code index} (e.g. so the run reaches past the end of the file). */
    static KernelDamage runPageCount(int index, long count) {
        return d -> {
            Arch arch = d.layout().arch();
            int p = arch.pointerSize();
            int run = HeaderField.PHYSICAL_MEMORY_BLOCK.offset(arch) + 2 * p + 2 * p * index;
            d.putLe(run + p, count, p);
        };
    }

    /** Sets the bitmap header's TotalPresentPages (@0x28), e.g. so it disagrees with the popcount. */
    static KernelDamage bitmapPresentPages(long count) {
        return putU64("bitmapHeader", 0x28, count);
    }

    /** Sets the bitmap header's Pages (bit count, @0x30). */
    static KernelDamage bitmapPages(long count) {
        return putU64("bitmapHeader", 0x30, count);
    }

    /** Sets the bitmap header's FirstPage file offset (@0x20). */
    static KernelDamage bitmapFirstPage(long offset) {
        return putU64("bitmapHeader", 0x20, offset);
    }

    /** Flips the bitmap bit of page frame {@code pfn} (a stored page vanishes or a phantom one appears). */
    static KernelDamage flipBitmapBit(long pfn) {
        return d -> d.flipBit(d.layout().region("bitmap").offset() + (pfn >>> 3), (int) (pfn & 7));
    }
}
