/**
 * PE/COFF images (PE32 and PE32+): {@link org.faultline.symbols.pe.PeFile} reads headers and sections on open and
 * the optional directories on first use — exports ({@link org.faultline.symbols.pe.ExportTable}, also a last-resort
 * {@link org.faultline.symbols.SymbolTable}), the debug directory and CodeView record
 * ({@link org.faultline.symbols.pe.CodeViewInfo}: PDB name, GUID, age, debug id), x64 and ARM64 exception data
 * ({@link org.faultline.symbols.pe.X64ExceptionTable}, {@link org.faultline.symbols.pe.Arm64ExceptionTable}: parsed
 * for the unwinder), the version resource and the certificate table. Records are named after the Microsoft
 * structs and keep raw values.
 */
package org.faultline.symbols.pe;
