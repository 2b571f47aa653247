/**
 * Finding symbol files: the {@code _NT_SYMBOL_PATH} grammar ({@link org.faultline.symbols.store.SymbolPath}),
 * store keys and layouts ({@link org.faultline.symbols.store.SymbolKey},
 * {@link org.faultline.symbols.store.SymbolStoreLayout}), a chain of suppliers (local folders and stores, the
 * downstream cache, HTTP symbol servers) behind {@link org.faultline.symbols.store.SymbolResolver}, and the
 * Microsoft Cabinet reader for compressed {@code _} copies ({@link org.faultline.symbols.store.CabFile}).
 *
 * <p>Names in a dump are attacker-controlled: every name becomes one validated path component
 * ({@link org.faultline.symbols.store.SymbolNames}) and every path is checked to stay inside its store root
 * ({@link org.faultline.symbols.store.StorePaths}). Nothing here opens a socket unless a server URL is
 * configured. JDK only.
 */
package org.faultline.symbols.store;
