package io.virtplatform.exporter.runtime;

import static io.virtplatform.exporter.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.virtplatform.exporter.core.config.EditWarSettings;
import io.virtplatform.exporter.core.golden.GoldenObject;
import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.model.ResourceRef;
import io.virtplatform.exporter.core.model.SourceLocation;
import io.virtplatform.exporter.testing.ClusterViewRun;
import io.virtplatform.exporter.testing.Series;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The actors of an edit war, named from the managedFields each flip leaves, as a real API server
 * writes them on an update: the field moves to the entry of the manager that wrote it.
 */
class EditWarActorsTest {

  private static final String LABELS = "kind=\"ConfigMap\",name=\"tuning\",namespace=\"cdi\"";
  private static final String INTRUDER = "sneaky-operator";
  private static final String RESTORER = "virt-platform-autopilot";

  private ClusterViewRun run;

  @BeforeEach
  void start() {
    run = new ClusterViewRun();
    Map<String, Object> desired = Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "tuning", "namespace", "cdi"),
        "data", Map.of("mode", "fast"));
    run.applyGolden(new GoldenObject(
        new ResourceRef(new GroupVersionKind("", "v1", "ConfigMap"), "cdi", "tuning"),
        desired, new SourceLocation(Path.of("golden.yaml"), 1)));
  }

  @AfterEach
  void stop() {
    run.close();
  }

  /** Writes data.mode as {@code manager}, which then owns it alone; waits until judged. */
  private void write(String manager, String mode, boolean create) {
    FieldsV1 fields = new FieldsV1();
    fields.setAdditionalProperty("f:data", Map.of("f:mode", Map.of()));
    var cm = new ConfigMapBuilder().withNewMetadata().withName("tuning").withNamespace("cdi")
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager(manager)
            .withOperation("Update").withApiVersion("v1").withFieldsType("FieldsV1")
            .withTime(run.clock().instant().toString())
            .withFieldsV1(fields)
            .build())
        .endMetadata().addToData("mode", mode).build();
    var resource = run.client().configMaps().inNamespace("cdi").resource(cm);
    if (create) {
      resource.create();
    } else {
      resource.update();
    }
    double expected = mode.equals("fast") ? 1.0 : 0.0;
    await(() -> assertThat(run.scrape().get("virt_platform_compliance_status", LABELS))
        .isEqualTo(expected));
  }

  @Test
  void bothManagersAreActorsWhileTheEpisodeRunsAndNoneAfterIt() {
    write(RESTORER, "fast", true);
    for (int flip = 0; flip < EditWarSettings.DEFAULT.minTransitions() - 2; flip += 2) {
      write(INTRUDER, "slow", false);
      write(RESTORER, "fast", false);
      assertThat(run.scrape().all("virt_platform_edit_war_actor_info"))
          .as("no series before an episode starts").isEmpty();
    }
    write(INTRUDER, "slow", false);
    write(RESTORER, "fast", false);
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_edit_war_active", LABELS)).isEqualTo(1.0);
      assertThat(s.get("virt_platform_edit_war_actor_info",
          LABELS + ",manager=\"" + INTRUDER + "\"")).isEqualTo(1.0);
      assertThat(s.get("virt_platform_edit_war_actor_info",
          LABELS + ",manager=\"" + RESTORER + "\"")).isEqualTo(1.0);
      assertThat(s.all("virt_platform_edit_war_actor_info")).hasSize(2);
    });

    run.clock().advance(EditWarSettings.DEFAULT.window().plus(Duration.ofSeconds(1)));
    await(() -> {
      Series s = run.scrape();
      assertThat(s.get("virt_platform_edit_war_active", LABELS)).isEqualTo(0.0);
      assertThat(s.all("virt_platform_edit_war_actor_info")).isEmpty();
    });
  }
}
