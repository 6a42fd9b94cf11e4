package io.virtplatform.exporter.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiagnosticsSettingsTest {

  /**
   * Whichever class the JVM initializes first, every default is complete. (A static helper of the
   * outer record called from a nested record's constructor once left the outer DEFAULT with null
   * parts when a nested record was loaded first.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"DiagnosticsSettings", "DiagnosticsSettings$DataVolumeSettings",
      "DiagnosticsSettings$LifecycleSettings", "DiagnosticsSettings$WebhookSettings"})
  void theDefaultsAreCompleteWhateverClassLoadsFirst(String first) throws Exception {
    URL classes = DiagnosticsSettings.class.getProtectionDomain().getCodeSource().getLocation();
    String prefix = DiagnosticsSettings.class.getPackageName() + ".";
    try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, null)) {
      Class.forName(prefix + first, true, fresh);
      Class<?> settings = Class.forName(prefix + "DiagnosticsSettings", true, fresh);
      Object defaults = settings.getField("DEFAULT").get(null);

      for (String part : new String[] {"webhooks", "dataVolumes", "lifecycle"}) {
        assertThat(settings.getMethod(part).invoke(defaults)).as(part).isNotNull();
      }
    }
  }
}
