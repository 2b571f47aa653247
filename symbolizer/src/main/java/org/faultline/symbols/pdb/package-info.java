/**
 * PDB 7.0 files, read in layers: {@link org.faultline.symbols.pdb.MsfFile} (superblock, block map, stream
 * directory; each stream a {@link org.faultline.dump.io.ByteSource}), then the info and DBI streams
 * ({@link org.faultline.symbols.pdb.PdbInfo}, {@link org.faultline.symbols.pdb.DbiHeader}, module list, optional
 * debug header, section headers, OMAP), then symbols (S_PUB32 from the symbol record stream, procedures from the
 * module streams) and the RVA lookup ({@link org.faultline.symbols.pdb.PdbSymbolTable}). Errors inside a stream
 * are reported with file offsets.
 */
package org.faultline.symbols.pdb;
