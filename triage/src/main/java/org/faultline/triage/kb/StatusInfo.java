package org.faultline.triage.kb;

import java.util.Optional;

/**
 * A known NTSTATUS or exception code.
 *
 * @param code     the 32-bit code
 * @param name     symbolic name ({@code STATUS_ACCESS_VIOLATION}); a few are conventional names of codes that are
 *                 not NTSTATUS values ({@code MSVC_CPP_EXCEPTION} for 0xE06D7363)
 * @param meaning  one-line meaning, written for Faultline
 * @param ntstatus whether the code is an NTSTATUS value of ntstatus.h / [MS-ERREF]
 * @param source   URL of the source for a code that is not an NTSTATUS value
 */
public record StatusInfo(long code, String name, String meaning, boolean ntstatus, Optional<String> source) {
}
