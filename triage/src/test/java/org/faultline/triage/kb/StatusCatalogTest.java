package org.faultline.triage.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusCatalogTest {
    private final StatusCatalog catalog = StatusCatalog.standard();

    @Test
    void commonExceptionCodes() {
        assertThat(catalog.name(0xC0000005L)).contains("STATUS_ACCESS_VIOLATION");
        assertThat(catalog.name(0x80000003L)).contains("STATUS_BREAKPOINT");
        assertThat(catalog.name(0x80000004L)).contains("STATUS_SINGLE_STEP");
        assertThat(catalog.name(0xC000001DL)).contains("STATUS_ILLEGAL_INSTRUCTION");
        assertThat(catalog.name(0xC0000094L)).contains("STATUS_INTEGER_DIVIDE_BY_ZERO");
        assertThat(catalog.name(0xC0000096L)).contains("STATUS_PRIVILEGED_INSTRUCTION");
        assertThat(catalog.name(0xC00000FDL)).contains("STATUS_STACK_OVERFLOW");
        assertThat(catalog.name(0xC0000374L)).contains("STATUS_HEAP_CORRUPTION");
        assertThat(catalog.name(0xC0000409L)).contains("STATUS_STACK_BUFFER_OVERRUN");
        assertThat(catalog.name(0xC000000DL)).contains("STATUS_INVALID_PARAMETER");
        assertThat(catalog.name(0x4000001FL)).contains("STATUS_WX86_BREAKPOINT");
        assertThat(catalog.name(0xC0000420L)).contains("STATUS_ASSERTION_FAILURE");
        assertThat(catalog.name(0xC0000602L)).contains("STATUS_FAIL_FAST_EXCEPTION");
        assertThat(catalog.name(0xC000041DL)).contains("STATUS_FATAL_USER_CALLBACK_EXCEPTION");
        assertThat(catalog.of(0xE06D7363L).orElseThrow().ntstatus()).isFalse();
        assertThat(catalog.of(0xE06D7363L).orElseThrow().meaning()).contains("C++");
    }

    @Test
    void signExtendedCodesMatch() {
        assertThat(catalog.name(0xFFFF_FFFF_C000_0005L)).contains("STATUS_ACCESS_VIOLATION");
        assertThat(catalog.name(0x1234_5678L)).isEmpty();
    }

    @Test
    void fastFailCodes() {
        assertThat(catalog.fastFailName(7)).contains("FAST_FAIL_FATAL_APP_EXIT");
        assertThat(catalog.fastFailName(0)).contains("FAST_FAIL_LEGACY_GS_VIOLATION");
        assertThat(catalog.fastFailName(2)).contains("FAST_FAIL_STACK_COOKIE_CHECK_FAILURE");
        assertThat(catalog.fastFailName(3)).contains("FAST_FAIL_CORRUPT_LIST_ENTRY");
        assertThat(catalog.fastFailName(10)).contains("FAST_FAIL_GUARD_ICALL_CHECK_FAILURE");
        assertThat(catalog.fastFailName(0xFFFF_FFFFL)).contains("FAST_FAIL_INVALID_FAST_FAIL_CODE");
        assertThat(catalog.fastFailName(15)).isEmpty();
        assertThat(catalog.fastFailCodes()).hasSize(77);
    }

    @Test
    void codesAreUnique() {
        Set<Long> seen = new HashSet<>();
        catalog.statuses().forEach(s -> assertThat(seen.add(s.code())).isTrue());
        assertThat(catalog.statuses()).hasSize(78);
    }
}
