/** Addresses to modules, symbols, instructions and stack frames. */
package org.faultline.symbols;
