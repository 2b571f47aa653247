package org.faultline.symbols.breakpad;

/** A line record {@code <address> <size> <line> <filenum>} of the preceding FUNC. */
public record LineRecord(long address, long size, long line, long file) {

    public boolean covers(long rva) {
        return rva >= address && rva - address < size;
    }
}
