/**
 * {@link org.faultline.samples.kernel.SynthKernelDump}: writes Windows kernel crash dumps ({@code PAGEDUMP} /
 * {@code PAGEDU64}) — triage ("small memory") dumps and, with a {@link org.faultline.samples.kernel.PhysicalMemory}
 * and {@link org.faultline.samples.kernel.X64PageTables}, full and bitmap dumps — valid or deliberately damaged,
 * from this package's own knowledge of the layout.
 */
package org.faultline.samples.kernel;
