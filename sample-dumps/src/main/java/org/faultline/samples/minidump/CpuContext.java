package org.faultline.samples.minidump;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.faultline.samples.io.LeWriter;

/**
 * A CPU {@code CONTEXT} record under construction: a zeroed base structure of the architecture's size,
 * named registers written into it, a {@code ContextFlags} value (the architecture's usual "all" value
 * unless overridden) and optional trailing bytes that make {@code DataSize} larger than the base
 * structure, as XSTATE-extended contexts do.
 *
 * <p>Register names are lower case ({@code "rip"}, {@code "eflags"}, {@code "x19"}); {@link #registerNames()}
 * lists them. The object is mutable; a dump uses its state at {@code build()} time.
 *
 * @param <T> the concrete context type, for fluent chaining
 */
public abstract sealed class CpuContext<T extends CpuContext<T>> permits X86Context, Amd64Context, Arm64Context {
    /** A register's place in the base structure. */
    record Register(int offset, int width) {
    }

    private final byte[] base;
    private final int flagsOffset;
    private final Map<String, Register> registers;
    private long flags;
    private byte[] extra = new byte[0];

    CpuContext(int baseSize, int flagsOffset, long defaultFlags, Map<String, Register> registers) {
        this.base = new byte[baseSize];
        this.flagsOffset = flagsOffset;
        this.flags = defaultFlags;
        this.registers = registers;
    }

    abstract T self();

    /** Byte alignment the writer gives this context in the file. */
    public abstract int alignment();

    /** Sets a named register; fails on an unknown name or a value wider than the register. */
    public T set(String name, long value) {
        Register r = register(name);
        if (r.width() < 8 && (value >>> (8 * r.width())) != 0) {
            throw new IllegalArgumentException(name + " is " + 8 * r.width() + " bits wide: 0x" + Long.toHexString(value));
        }
        LeWriter.putLe(base, r.offset(), value, r.width());
        return self();
    }

    /** Sets several named registers. */
    public T set(Map<String, Long> values) {
        values.forEach(this::set);
        return self();
    }

    /** Returns a named register's current value (zero-extended). */
    public long get(String name) {
        Register r = register(name);
        long v = 0;
        for (int i = r.width() - 1; i >= 0; i--) {
            v = (v << 8) | (base[r.offset() + i] & 0xFF);
        }
        return v;
    }

    /** Names of the registers {@link #set(String, long)} accepts, in layout order. */
    public Set<String> registerNames() {
        return Collections.unmodifiableSet(registers.keySet());
    }

    /** Overrides {@code ContextFlags} (written last, over any raw bytes at its offset). */
    public T contextFlags(long value) {
        this.flags = value;
        return self();
    }

    /** Returns the {@code ContextFlags} value that will be written. */
    public long contextFlags() {
        return flags;
    }

    /** Writes raw bytes into the base structure at {@code offset} (e.g. vector registers). */
    public T raw(int offset, byte[] bytes) {
        System.arraycopy(bytes, 0, base, offset, bytes.length);
        return self();
    }

    /** Appends bytes after the base structure, so {@code DataSize} exceeds {@link #baseSize()}. */
    public T extraBytes(byte[] tail) {
        this.extra = tail.clone();
        return self();
    }

    /** Size of the architecture's base {@code CONTEXT} structure. */
    public int baseSize() {
        return base.length;
    }

    /** Size of the record as written: base structure plus extra bytes. */
    public int size() {
        return base.length + extra.length;
    }

    /** Offset of {@code ContextFlags} in the base structure. */
    public int flagsOffset() {
        return flagsOffset;
    }

    /** The record as written into a dump. */
    public byte[] toBytes() {
        byte[] out = Arrays.copyOf(base, size());
        LeWriter.putLe(out, flagsOffset, flags, 4);
        System.arraycopy(extra, 0, out, base.length, extra.length);
        return out;
    }

    private Register register(String name) {
        Register r = registers.get(name.toLowerCase(Locale.ROOT));
        if (r == null) {
            throw new IllegalArgumentException("unknown register \"" + name + "\" for " + getClass().getSimpleName());
        }
        return r;
    }

    /** Builds a register table; arguments are (name, offset, width) triples. */
    static Map<String, Register> table(Object... triples) {
        Map<String, Register> m = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            m.put((String) triples[i], new Register((Integer) triples[i + 1], (Integer) triples[i + 2]));
        }
        return Collections.unmodifiableMap(m);
    }
}
