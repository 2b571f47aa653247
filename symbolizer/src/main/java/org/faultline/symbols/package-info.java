/**
 * Addresses to modules, symbols, instructions and stack frames.
 *
 * <p>The shared lookup API lives here: a {@link org.faultline.symbols.SymbolTable} answers "which symbol covers
 * this RVA?" with a {@link org.faultline.symbols.Symbol}. The PDB reader ({@code symbols.pdb}), the Breakpad
 * {@code .sym} reader ({@code symbols.breakpad}) and PE exports ({@code symbols.pe}) each implement it, so a
 * symbolizer can chain them (PDB first, then Breakpad, then exports) with {@link
 * org.faultline.symbols.SymbolTable#chain}.
 */
package org.faultline.symbols;
