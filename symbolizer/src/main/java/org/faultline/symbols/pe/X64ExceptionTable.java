package org.faultline.symbols.pe;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * The x64 exception directory ({@code .pdata}): RUNTIME_FUNCTION entries sorted by start, found by binary
 * search, and their UNWIND_INFO read on demand (the unwinder itself lives elsewhere).
 */
public final class X64ExceptionTable {
    /** Longest chain followed before the data is called circular. */
    public static final int MAX_CHAIN = 32;
    /** UNWIND_INFO can never be longer: header, 255 slots padded to 256, and a 12-byte chained entry. */
    private static final int MAX_UNWIND_INFO = UnwindInfo.HEADER_SIZE + 2 * 256 + RuntimeFunction.SIZE;

    private final PeFile pe;
    private final int[] begin;
    private final int[] end;
    private final int[] unwind;

    X64ExceptionTable(PeFile pe, int[] begin, int[] end, int[] unwind) {
        this.pe = pe;
        this.begin = begin;
        this.end = end;
        this.unwind = unwind;
    }

    /** Number of entries. */
    public int size() {
        return begin.length;
    }

    public RuntimeFunction get(int index) {
        return new RuntimeFunction(begin[index] & 0xFFFF_FFFFL, end[index] & 0xFFFF_FFFFL,
                unwind[index] & 0xFFFF_FFFFL);
    }

    /** All entries, in table order. */
    public List<RuntimeFunction> functions() {
        return new AbstractList<>() {
            @Override
            public RuntimeFunction get(int index) {
                return X64ExceptionTable.this.get(index);
            }

            @Override
            public int size() {
                return begin.length;
            }
        };
    }

    /** The entry whose {@code [begin, end)} contains {@code rva}; none means a leaf function (or no data). */
    public Optional<RuntimeFunction> functionAt(long rva) {
        int found = SortedRvas.floor(begin, rva);
        if (found < 0) {
            return Optional.empty();
        }
        RuntimeFunction f = get(found);
        return f.contains(rva) ? Optional.of(f) : Optional.empty();
    }

    /**
     * The UNWIND_INFO of {@code function}, following one indirection when bit 0 of its unwind address is set.
     */
    public UnwindInfo unwindInfo(RuntimeFunction function) throws DumpFormatException {
        long rva = function.unwindInfoAddress();
        if (function.isIndirect()) {
            Cursor c = pe.cursorAtRva("RUNTIME_FUNCTION (indirect)", rva & ~1L, RuntimeFunction.SIZE,
                    pe.exceptionDirectoryOffset());
            RuntimeFunction target = RuntimeFunction.read(c);
            if (target.isIndirect()) {
                throw new DumpFormatException.InvalidValue("RUNTIME_FUNCTION (indirect)", c.base(),
                        "indirect entry points at another indirect entry");
            }
            rva = target.unwindInfoAddress();
        }
        long available = pe.availableAtRva(rva);
        Cursor c = pe.cursorAtRva("UNWIND_INFO", rva, Math.min(available, MAX_UNWIND_INFO),
                pe.exceptionDirectoryOffset());
        return UnwindInfo.read(c, rva);
    }

    /**
     * The primary UNWIND_INFO followed by every chained one, in order.
     *
     * @throws DumpFormatException.InvalidValue when the chain loops or is longer than {@link #MAX_CHAIN}
     */
    public List<UnwindInfo> unwindChain(RuntimeFunction function) throws DumpFormatException {
        List<UnwindInfo> chain = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        UnwindInfo info = unwindInfo(function);
        chain.add(info);
        seen.add(info.rva());
        while (info.isChained()) {
            if (chain.size() >= MAX_CHAIN) {
                throw new DumpFormatException.InvalidValue("UNWIND_INFO", pe.exceptionDirectoryOffset(),
                        "chain longer than " + MAX_CHAIN + " entries");
            }
            info = unwindInfo(info.chained());
            if (!seen.add(info.rva())) {
                throw new DumpFormatException.InvalidValue("UNWIND_INFO", pe.exceptionDirectoryOffset(),
                        "chained unwind info loops back to RVA 0x" + Long.toHexString(info.rva()));
            }
            chain.add(info);
        }
        return chain;
    }
}
