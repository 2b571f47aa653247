/** Synthetic dump writers that share no code or constants with the parsers. */
package org.faultline.samples;
