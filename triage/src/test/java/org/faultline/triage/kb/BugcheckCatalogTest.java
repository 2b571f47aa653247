package org.faultline.triage.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.faultline.dump.Architecture;
import org.junit.jupiter.api.Test;

class BugcheckCatalogTest {
    private final BugcheckCatalog catalog = BugcheckCatalog.standard();

    private BugcheckInfo get(long code) {
        return catalog.of(code).orElseThrow();
    }

    private static String role(BugcheckInfo info, int n) {
        return info.parameters().stream().filter(p -> p.number() == n).findFirst().orElseThrow().role();
    }

    @Test
    void holdsEveryCodeOfTheReferenceOnce() {
        // The reference table (bug-check-code-reference2.md @ 825aa15f) lists 379 codes; live-dump-only pages are
        // not part of it and are not loaded.
        assertThat(catalog.size()).isEqualTo(379);
        Set<Long> codes = new HashSet<>();
        for (BugcheckInfo b : catalog.all()) {
            assertThat(codes.add(b.code())).as("unique %s", b.hexCode()).isTrue();
            assertThat(b.name()).matches("[A-Z0-9_]+");
            assertThat(b.meaning()).isNotBlank().hasSizeLessThanOrEqualTo(160);
            assertThat(b.source()).startsWith("https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-");
            assertThat(b.parameterStatus()).isIn("listed", "by-subcode", "none", "undocumented", "as-base");
        }
    }

    @Test
    void pageFaultInNonpagedArea() {
        BugcheckInfo b = get(0x50);
        assertThat(b.name()).isEqualTo("PAGE_FAULT_IN_NONPAGED_AREA");
        assertThat(b.source()).endsWith("bug-check-0x50--page-fault-in-nonpaged-area");
        AccessLayout a = b.access().orElseThrow();
        assertThat(a.referencedAddress()).hasValue(1);
        assertThat(a.accessKindParameter()).hasValue(2);
        assertThat(a.instructionAddress()).hasValue(3);
        // As the page documents it: after 1507 x64/x86 0 read, 2 write, 10 execute; Arm 0/1/8; before 1507 0/1.
        assertThat(a.encodings()).hasSize(3);
        List<Long> p = List.of(0xFFFF_F800_1234_0000L, 2L, 0xFFFF_F800_0000_1000L, 2L);
        assertThat(a.accessKind(p, Architecture.AMD64, 19041)).contains(AccessKind.WRITE);
        assertThat(a.accessKind(List.of(0L, 0x10L, 0L, 0L), Architecture.AMD64, 19041)).contains(AccessKind.EXECUTE);
        assertThat(a.accessKind(List.of(0L, 0L, 0L, 0L), Architecture.X86, 22621)).contains(AccessKind.READ);
        assertThat(a.accessKind(List.of(0L, 1L, 0L, 0L), Architecture.ARM64, 22621)).contains(AccessKind.WRITE);
        assertThat(a.accessKind(List.of(0L, 8L, 0L, 0L), Architecture.ARM64, 22621)).contains(AccessKind.EXECUTE);
        assertThat(a.accessKind(List.of(0L, 1L, 0L, 0L), Architecture.AMD64, 9600)).contains(AccessKind.WRITE);
        // 1 is not a documented x64 value after 1507
        assertThat(a.accessKind(List.of(0L, 1L, 0L, 0L), Architecture.AMD64, 19041)).isEmpty();
        assertThat(a.referencedAddress(p)).hasValue(0xFFFF_F800_1234_0000L);
        assertThat(a.instructionAddress(p)).hasValue(0xFFFF_F800_0000_1000L);
        assertThat(b.subcode(4, 0x4)).isEmpty();
    }

    @Test
    void driverIrqlNotLessOrEqual() {
        BugcheckInfo b = get(0xD1);
        assertThat(b.name()).isEqualTo("DRIVER_IRQL_NOT_LESS_OR_EQUAL");
        AccessLayout a = b.access().orElseThrow();
        assertThat(a.referencedAddress()).hasValue(1);
        assertThat(a.accessKindParameter()).hasValue(3);
        assertThat(a.instructionAddress()).hasValue(4);
        // The page: 0 read, 1 write, 2 execute, 8 execute.
        assertThat(a.encodings()).singleElement().satisfies(e -> assertThat(e.values())
                .containsEntry(0L, AccessKind.READ).containsEntry(1L, AccessKind.WRITE)
                .containsEntry(2L, AccessKind.EXECUTE).containsEntry(8L, AccessKind.EXECUTE).hasSize(4));
        assertThat(a.accessKind(List.of(0L, 2L, 8L, 0L), Architecture.UNKNOWN, 0)).contains(AccessKind.EXECUTE);
        assertThat(role(b, 2)).containsIgnoringCase("IRQL");
    }

    @Test
    void irqlNotLessOrEqualBitField() {
        AccessLayout a = get(0x0A).access().orElseThrow();
        assertThat(a.referencedAddress()).hasValue(1);
        assertThat(a.accessKindParameter()).hasValue(3);
        assertThat(a.instructionAddress()).hasValue(4);
        assertThat(a.accessKind(List.of(0L, 2L, 1L, 0L), Architecture.AMD64, 0)).contains(AccessKind.WRITE);
        assertThat(a.accessKind(List.of(0L, 2L, 8L, 0L), Architecture.AMD64, 0)).contains(AccessKind.EXECUTE);
    }

    @Test
    void systemThreadExceptionNotHandledM() {
        BugcheckInfo b = get(0x1000007EL);
        assertThat(b.name()).isEqualTo("SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M");
        assertThat(b.baseCode()).contains(0x7EL);
        assertThat(b.parameterStatus()).isEqualTo("as-base");
        AccessLayout a = b.access().orElseThrow();
        assertThat(a.exceptionCode()).hasValue(1);
        assertThat(a.instructionAddress()).hasValue(2);
        assertThat(a.exceptionRecord()).hasValue(3);
        assertThat(a.contextRecord()).hasValue(4);
        assertThat(get(0x7E).name()).isEqualTo("SYSTEM_THREAD_EXCEPTION_NOT_HANDLED");
    }

    @Test
    void mVariantsNotInTheReferenceResolveToTheBase() {
        BugcheckInfo b = get(0x1000000AL);
        assertThat(b.code()).isEqualTo(0x1000000AL);
        assertThat(b.name()).isEqualTo("IRQL_NOT_LESS_OR_EQUAL_M");
        assertThat(b.baseCode()).contains(0x0AL);
        assertThat(b.access()).isEqualTo(get(0x0A).access());
        assertThat(get(0x100000D1L).name()).isEqualTo("DRIVER_IRQL_NOT_LESS_OR_EQUAL_M");
        assertThat(get(0x1000008EL).access().orElseThrow().trapFrame()).hasValue(3);
        assertThat(catalog.of(0x10000FFFL)).isEmpty();
        assertThat(catalog.of(0x12345678L)).isEmpty();
    }

    @Test
    void systemServiceExceptionHasTheContextInP3() {
        AccessLayout a = get(0x3B).access().orElseThrow();
        assertThat(get(0x3B).name()).isEqualTo("SYSTEM_SERVICE_EXCEPTION");
        assertThat(a.exceptionCode()).hasValue(1);
        assertThat(a.instructionAddress()).hasValue(2);
        assertThat(a.contextRecord()).hasValue(3);
        assertThat(a.exceptionRecord()).isEmpty();
    }

    @Test
    void kmodeExceptionNotHandledAddressOnlyForAccessViolations() {
        BugcheckInfo b = get(0x1E);
        assertThat(b.name()).isEqualTo("KMODE_EXCEPTION_NOT_HANDLED");
        AccessLayout a = b.access().orElseThrow();
        assertThat(a.exceptionCode()).hasValue(1);
        assertThat(a.instructionAddress()).hasValue(2);
        List<Long> av = List.of(0xFFFF_FFFF_C000_0005L, 0xFFFF_F800_0000_1000L, 1L, 0x28L);
        assertThat(a.referencedAddress(av)).hasValue(0x28L);
        assertThat(a.accessKind(av, Architecture.AMD64, 19041)).contains(AccessKind.WRITE);
        List<Long> other = List.of(0x8000_0003L, 0xFFFF_F800_0000_1000L, 0L, 0L);
        assertThat(a.referencedAddress(other)).isEmpty();
        assertThat(a.accessKind(other, Architecture.AMD64, 19041)).isEmpty();
    }

    @Test
    void fixedAccessKinds() {
        assertThat(get(0xBE).access().orElseThrow().accessKind(List.of(1L, 2L, 3L, 4L), Architecture.AMD64, 0))
                .contains(AccessKind.WRITE);
        assertThat(get(0xFC).access().orElseThrow().accessKind(List.of(1L, 2L, 3L, 4L), Architecture.AMD64, 0))
                .contains(AccessKind.EXECUTE);
        assertThat(get(0xFC).name()).isEqualTo("ATTEMPTED_EXECUTE_OF_NOEXECUTE_MEMORY");
    }

    @Test
    void kernelSecurityCheckFailure() {
        BugcheckInfo b = get(0x139);
        AccessLayout a = b.access().orElseThrow();
        assertThat(a.trapFrame()).hasValue(2);
        assertThat(a.exceptionRecord()).hasValue(3);
        assertThat(b.subcode(1, 3).orElseThrow().meaning()).contains("LIST_ENTRY");
    }

    @Test
    void commonCodesByName() {
        assertThat(get(0xE2).name()).isEqualTo("MANUALLY_INITIATED_CRASH");
        assertThat(get(0xE2).parameterStatus()).isEqualTo("none");
        assertThat(get(0xEF).name()).isEqualTo("CRITICAL_PROCESS_DIED");
        assertThat(role(get(0xEF), 1)).containsIgnoringCase("process object");
        BugcheckInfo dpc = get(0x133);
        assertThat(dpc.name()).isEqualTo("DPC_WATCHDOG_VIOLATION");
        assertThat(dpc.subcode(1, 0)).isPresent();
        assertThat(dpc.subcode(1, 1)).isPresent();
        assertThat(get(0x1A).name()).isEqualTo("MEMORY_MANAGEMENT");
        assertThat(get(0x1A).subcode(1, 0x41790).orElseThrow().meaning()).containsIgnoringCase("page table");
        assertThat(get(0x9F).name()).isEqualTo("DRIVER_POWER_STATE_FAILURE");
        assertThat(get(0x9F).subcode(1, 3).orElseThrow().otherParameters()).hasSize(3);
        assertThat(get(0x124).name()).isEqualTo("WHEA_UNCORRECTABLE_ERROR");
        assertThat(get(0x7F).subcode(1, 8).orElseThrow().meaning()).contains("Double fault");
        assertThat(get(0xDEADDEADL).name()).isEqualTo("MANUALLY_INITIATED_CRASH1");
        assertThat(get(0xC000021AL).name()).isEqualTo("WINLOGON_FATAL_ERROR");
        assertThat(get(0x1D0).name()).isEqualTo("ACPI_FIRMWARE_WATCHDOG_TIMEOUT");
        assertThat(get(0x1D9).source()).endsWith("bug-check-0x1d9--hal-iommu-internal-error");
    }

    @Test
    void memoryAccessCodesAllHaveAnAddressParameter() {
        for (long code : new long[] {0x0A, 0x50, 0xBE, 0xC5, 0xCC, 0xCD, 0xCE, 0xD0, 0xD1, 0xD3, 0xD5, 0xD6, 0xDB,
            0xFC, 0x1000000AL, 0x100000D1L}) {
            assertThat(get(code).access()).as("0x%X", code).isPresent()
                    .get().satisfies(a -> assertThat(a.referencedAddress()).isPresent());
        }
        for (long code : new long[] {0xC5, 0xCC, 0xCD, 0xCE, 0xD0, 0xD3, 0xD5, 0xD6, 0xDB}) {
            assertThat(get(code).access().orElseThrow().accessKind(List.of(0L, 1L, 1L, 0L), Architecture.AMD64, 0))
                    .as("0x%X", code).isPresent();
        }
    }

    @Test
    void everyParameterListHasNumbersOneToN() {
        for (BugcheckInfo b : catalog.all()) {
            for (int i = 0; i < b.parameters().size(); i++) {
                assertThat(b.parameters().get(i).number()).as(b.hexCode()).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void shortParameterListsAreSafe() {
        AccessLayout a = get(0x50).access().orElseThrow();
        assertThat(a.accessKind(List.of(), Architecture.AMD64, 0)).isEmpty();
        assertThat(a.referencedAddress(List.of())).isEmpty();
        assertThat(Optional.ofNullable(a.instructionAddress(List.of(1L)))).get().satisfies(v -> assertThat(v).isEmpty());
    }
}
