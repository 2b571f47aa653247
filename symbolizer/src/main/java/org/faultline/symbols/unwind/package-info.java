/**
 * Stack walking: {@link org.faultline.symbols.unwind.StackWalker} (context, call-frame information, trap frames,
 * frame pointers, scanning) and the call-frame unwinders it can use: {@link
 * org.faultline.symbols.unwind.X64PeUnwinder} and {@link org.faultline.symbols.unwind.Arm64PeUnwinder} (PE
 * exception data), {@link org.faultline.symbols.unwind.BreakpadCfiUnwinder} (Breakpad STACK CFI and STACK WIN),
 * and {@link org.faultline.symbols.unwind.ModuleUnwinders}, which picks one per module.
 */
package org.faultline.symbols.unwind;
