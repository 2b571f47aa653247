/**
 * Breakpad text symbol files: {@link org.faultline.symbols.breakpad.BreakpadSymbolFile} parses MODULE, INFO,
 * FILE, INLINE_ORIGIN, FUNC (with line and INLINE records), PUBLIC, STACK CFI and STACK WIN, tolerating (and
 * counting) malformed lines, and answers RVA lookups with function, source line or public. CFI and STACK WIN
 * programs stay text for the unwinder.
 */
package org.faultline.symbols.breakpad;
