/**
 * Knowledge base: bug check codes, NTSTATUS and fast-fail codes, minifilter altitudes, Windows inbox drivers
 * and vendors of common third-party drivers. Data lives in resources beside this package, each file with its
 * sources ({@code SOURCES.md}, {@code README-drivers.md}); every lookup treats names from dumps as plain strings.
 */
package org.faultline.triage.kb;
