/**
 * {@link org.faultline.samples.minidump.SynthMinidump}: writes user-mode minidump (MDMP) files, valid or
 * deliberately damaged, from this package's own knowledge of the layout.
 */
package org.faultline.samples.minidump;
