package org.faultline.symbols.breakpad;

/** {@code PUBLIC [m] <address> <parameter_size> <name>}: a symbol without size or lines. */
public record PublicRecord(boolean multiple, long address, long parameterSize, String name) {
}
