package org.faultline.app.gui.about;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AboutViewModelTest {

    @Test
    void versionLicencesAndTheAltitudeAttribution() {
        AboutViewModel vm = new AboutViewModel();
        assertThat(vm.title()).startsWith("Faultline ").doesNotEndWith("unknown");
        assertThat(vm.licence()).contains("Apache License, Version 2.0");
        assertThat(vm.thirdParty()).extracting(AboutViewModel.Licence::component)
                .contains("OpenJFX (JavaFX) 21", "ControlsFX");
        assertThat(vm.attributions()).contains("Allocated filter altitudes", "CC BY 4.0",
                "https://creativecommons.org/licenses/by/4.0/");
        assertThat(vm.runtime()).startsWith("Java ");
    }
}
