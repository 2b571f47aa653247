package org.faultline.symbols.pe;

import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import org.faultline.dump.io.Cursor;
import org.faultline.dump.io.DumpFormatException;

/**
 * The ARM64 exception directory: 8-byte entries sorted by start. An entry's end is not stored: it comes from its
 * packed FunctionLength or its .xdata record, so {@link #functionAt} reads the record of the candidate entry.
 */
public final class Arm64ExceptionTable {
    private final PeFile pe;
    private final int[] begin;
    private final int[] data;

    Arm64ExceptionTable(PeFile pe, int[] begin, int[] data) {
        this.pe = pe;
        this.begin = begin;
        this.data = data;
    }

    public int size() {
        return begin.length;
    }

    public Arm64RuntimeFunction get(int index) {
        return new Arm64RuntimeFunction(begin[index] & 0xFFFF_FFFFL, data[index] & 0xFFFF_FFFFL);
    }

    public List<Arm64RuntimeFunction> functions() {
        return new AbstractList<>() {
            @Override
            public Arm64RuntimeFunction get(int index) {
                return Arm64ExceptionTable.this.get(index);
            }

            @Override
            public int size() {
                return begin.length;
            }
        };
    }

    /** The .xdata record of a Flag-0 entry. */
    public Arm64UnwindData unwindData(Arm64RuntimeFunction function) throws DumpFormatException {
        if (function.flag() != 0) {
            throw new DumpFormatException.InvalidValue("ARM64 RUNTIME_FUNCTION", pe.exceptionDirectoryOffset(),
                    "entry 0x" + Long.toHexString(function.beginAddress()) + " has packed unwind data, not .xdata");
        }
        long rva = function.xdataRva();
        Cursor c = pe.cursorAtRva(".xdata", rva, pe.availableAtRva(rva), pe.exceptionDirectoryOffset());
        return Arm64UnwindData.read(c, rva);
    }

    /** The function length in bytes, from the packed word or the .xdata header. */
    public long functionLength(Arm64RuntimeFunction function) throws DumpFormatException {
        return switch (function.flag()) {
            case 0 -> unwindData(function).functionLength();
            case 1, 2 -> function.packed().functionLength();
            default -> throw new DumpFormatException.InvalidValue("ARM64 RUNTIME_FUNCTION",
                    pe.exceptionDirectoryOffset(), "reserved Flag 3 at 0x" + Long.toHexString(function.beginAddress()));
        };
    }

    /** The entry covering {@code rva}. */
    public Optional<Arm64RuntimeFunction> functionAt(long rva) throws DumpFormatException {
        int found = SortedRvas.floor(begin, rva);
        if (found < 0) {
            return Optional.empty();
        }
        Arm64RuntimeFunction f = get(found);
        return rva - f.beginAddress() < functionLength(f) ? Optional.of(f) : Optional.empty();
    }
}
