package dev.runbooks.testbed.unified;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unified system's model, driven by a clock the test moves. */
class UnifiedModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  private UnifiedModel model() {
    return new UnifiedModel(clock, dir);
  }

  private void pass(Duration time, UnifiedModel model) {
    clock.advance(time);
    model.refresh();
  }

  @Test
  void catalogHasTheSeedsAgentsAndProfiles() {
    AgentCatalog catalog = new AgentCatalog();
    assertThat(catalog.agents()).hasSize(77);
    assertThat(catalog.agents().values().stream().filter(AgentSpec::essential)).hasSize(24);
    assertThat(catalog.profile("core").agents()).hasSize(16);
    assertThat(catalog.profile("vision").agents())
        .hasSize(20)
        .contains("FaceRecognitionAgent", "VisionProcessingAgent");
    assertThat(catalog.profile("learning").agents()).hasSize(30);
    assertThat(catalog.profile("tutoring").agents()).hasSize(28);
    assertThat(catalog.profile("full").agents()).hasSize(77);
    Set<Integer> ports = new HashSet<>();
    for (AgentSpec spec : catalog.agents().values()) {
      assertThat(ports.add(spec.port())).as("port of " + spec.name()).isTrue();
      assertThat(ports.add(spec.healthPort())).as("health port of " + spec.name()).isTrue();
    }
    assertThat(catalog.agent("ServiceRegistry").port()).isEqualTo(7200);
    assertThat(catalog.agent("ObservabilityHub").healthPort()).isEqualTo(9001);
    assertThat(catalog.agent("LazyLoader").healthPort()).isEqualTo(8202);
  }

  @Test
  void phasesPutEveryAgentAfterItsDependencies() {
    AgentCatalog catalog = new AgentCatalog();
    for (AgentCatalog.Profile profile : catalog.profiles().values()) {
      List<List<String>> phases = catalog.phases(profile.agents());
      assertThat(phases.get(0)).containsExactly("ServiceRegistry");
      Set<String> started = new HashSet<>();
      for (List<String> phase : phases) {
        for (String agent : phase) {
          assertThat(started)
              .as(profile.name() + ": " + agent)
              .containsAll(catalog.agent(agent).dependencies());
        }
        started.addAll(phase);
      }
      assertThat(started).hasSize(profile.agents().size());
    }
  }

  @Test
  void startsWithTheCoreProfileHealthy() {
    UnifiedModel model = model();
    assertThat(model.profile).isEqualTo("core");
    assertThat(model.members()).allMatch(n -> model.agent(n).healthy());
    assertThat(model.healthScore()).isEqualTo(1.0);
    assertThat(model.memoryMb()).isLessThan(2048);
    assertThat(model.gpu.usedMb(model.agents) * 100 / Gpu.TOTAL_MB).isBetween(50, 70);
  }

  @Test
  void anAgentCannotStartBeforeItsDependenciesAreHealthy() {
    UnifiedModel model = model();
    model.stopAll(false);
    assertThatThrownBy(() -> model.start("ModelManagerSuite", "test"))
        .isInstanceOf(HttpError.class)
        .hasMessageContaining("SystemDigitalTwin");
    model.start("ServiceRegistry", "test");
    assertThat(model.agent("ServiceRegistry").status).isEqualTo(Agent.Status.STARTING);
    assertThatThrownBy(() -> model.start("SystemDigitalTwin", "test"))
        .isInstanceOf(HttpError.class);
    pass(Duration.ofMillis(200), model);
    assertThat(model.agent("ServiceRegistry").healthy()).isTrue();
    assertThat(model.start("SystemDigitalTwin", "test").path("changed").asBoolean()).isTrue();
  }

  @Test
  void anAgentDownComesBackOnRestartUnlessItKeepsCrashing() {
    UnifiedModel model = model();
    UnifiedFaults faults = new UnifiedFaults(model);
    faults.inject("agent_down", JSON.createObjectNode().put("agent", "KnowledgeBase"));
    assertThat(model.agent("KnowledgeBase").status).isEqualTo(Agent.Status.CRASHED);
    model.restart("KnowledgeBase");
    pass(Duration.ofMillis(400), model);
    assertThat(model.agent("KnowledgeBase").healthy()).isTrue();

    faults.inject(
        "agent_down", JSON.createObjectNode().put("agent", "KnowledgeBase").put("failStarts", -1));
    for (int i = 0; i < 3; i++) {
      model.restart("KnowledgeBase");
      pass(Duration.ofSeconds(1), model);
      assertThat(model.agent("KnowledgeBase").status).isEqualTo(Agent.Status.CRASHED);
    }
    assertThat(model.agent("KnowledgeBase").tail(1).get(0)).contains("ERROR", "OOM");
  }

  @Test
  void aBreakerReopensAfterAResetWhileItsServiceStillFails() {
    UnifiedModel model = model();
    UnifiedFaults faults = new UnifiedFaults(model);
    faults.inject(
        "service_errors",
        JSON.createObjectNode().put("agent", "MemoryClient").put("persistent", true));
    assertThat(model.breakers.isOpen("MemoryClient")).isTrue();
    model.restart("MemoryClient");
    pass(Duration.ofMillis(300), model);
    assertThat(model.agent("MemoryClient").healthy()).isTrue();
    model.breakers.reset("MemoryClient", model.now());
    pass(Duration.ofMillis(500), model);
    assertThat(model.breakers.isOpen("MemoryClient")).isFalse();
    pass(Duration.ofSeconds(2), model);
    assertThat(model.agent("MemoryClient").status).isEqualTo(Agent.Status.UNHEALTHY);
    assertThat(model.breakers.isOpen("MemoryClient")).isTrue();
  }

  @Test
  void aBreakerStaysClosedOnceItsServiceIsFixed() {
    UnifiedModel model = model();
    UnifiedFaults faults = new UnifiedFaults(model);
    faults.inject("service_errors", JSON.createObjectNode().put("agent", "MemoryClient"));
    assertThat(model.breakers.isOpen("MemoryClient")).isTrue();
    model.restart("MemoryClient");
    pass(Duration.ofMillis(300), model);
    model.breakers.reset("MemoryClient", model.now());
    pass(Duration.ofSeconds(5), model);
    assertThat(model.breakers.isOpen("MemoryClient")).isFalse();
  }

  @Test
  void theLazyLoaderWaitsForDependenciesAndLoadsOnceTheyAreHealthy() {
    UnifiedModel model = model();
    UnifiedFaults faults = new UnifiedFaults(model);
    faults.inject("slow_loading", JSON.createObjectNode());
    pass(Duration.ofSeconds(5), model);
    assertThat(model.loader.size()).isEqualTo(1);
    assertThat(model.loader.view(model.now()).get(0).path("waiting_for").toString())
        .contains("ChainOfThoughtAgent");
    model.loader.loadNow(model.agent("ChainOfThoughtAgent"), model.now());
    pass(Duration.ofMillis(100), model);
    pass(Duration.ofMillis(500), model);
    assertThat(model.agent("ChainOfThoughtAgent").healthy()).isTrue();
    pass(Duration.ofMillis(600), model);
    assertThat(model.agent("GoTToTAgent").healthy()).isTrue();
    assertThat(model.loader.size()).isZero();
    assertThat(model.loader.lastLoadSeconds).containsKey("GoTToTAgent");
  }

  @Test
  void vramCleanupFreesCachedMemoryAndALowerLimitUnloadsModels() {
    UnifiedModel model = model();
    UnifiedFaults faults = new UnifiedFaults(model);
    faults.inject("vram_exhaustion", JSON.createObjectNode());
    assertThat(model.gpu.usedMb(model.agents) * 100 / Gpu.TOTAL_MB).isGreaterThanOrEqualTo(95);
    model.gpu.cleanup();
    assertThat(model.gpu.usedMb(model.agents) * 100 / Gpu.TOTAL_MB).isLessThan(90);

    faults.inject("vram_exhaustion", JSON.createObjectNode().put("extraModelMb", 3000));
    assertThat(model.gpu.cleanup()).isZero();
    assertThat(model.gpu.limit(2000)).contains(Gpu.EXTRA_MODEL);
    assertThat(model.gpu.usedMb(model.agents) * 100 / Gpu.TOTAL_MB).isLessThan(50);
  }

  @Test
  void aDefunctProcessKeepsVramFullWhateverTheAgentsDo() {
    UnifiedModel model = model();
    new UnifiedFaults(model)
        .inject("vram_exhaustion", JSON.createObjectNode().put("defunctMb", 6500));
    assertThat(model.gpu.usedMb(model.agents)).isLessThanOrEqualTo(Gpu.TOTAL_MB);
    model.gpu.cleanup();
    model.gpu.limit(2000);
    assertThat(model.gpu.usedMb(model.agents) * 100 / Gpu.TOTAL_MB).isGreaterThanOrEqualTo(95);
  }

  @Test
  void aHangEndsWithAForcedStopUnlessItIsPersistent() {
    UnifiedModel model = model();
    UnifiedFaults faults = new UnifiedFaults(model);
    faults.inject("system_hang", JSON.createObjectNode());
    assertThatThrownBy(() -> model.stopAll(false)).isInstanceOf(HttpError.class);
    ObjectNode stopped = model.stopAll(true);
    assertThat(stopped.path("stopped").asInt()).isEqualTo(16);
    assertThat(model.hung).isFalse();

    model.reset();
    faults.inject("system_hang", JSON.createObjectNode().put("persistent", true));
    model.stopAll(true);
    model.start("ServiceRegistry", "test");
    pass(Duration.ofMillis(200), model);
    model.start("SystemDigitalTwin", "test");
    pass(Duration.ofMillis(300), model);
    assertThat(model.hung).isTrue();
  }

  @Test
  void aBadConfigBreaksModelManagerSuiteUntilTheBackupIsRestored() {
    UnifiedModel model = model();
    new UnifiedFaults(model).inject("bad_config", JSON.createObjectNode());
    for (int i = 0; i < 20; i++) {
      pass(Duration.ofMillis(200), model);
    }
    assertThat(model.agent("ModelManagerSuite").status).isEqualTo(Agent.Status.CRASHED);
    assertThat(model.agent("ModelManagerSuite").lastError).contains("FileNotFoundError");
    assertThat(model.agent("VRAMOptimizerAgent").alive()).isFalse();
    assertThat(model.agent("SessionMemoryAgent").healthy()).isTrue();
    model.stopAll(false);
    model.config.restore(ConfigFiles.BACKUP);
    assertThat(model.config.version(ConfigFiles.CURRENT)).isEqualTo(ConfigFiles.GOOD_VERSION);
    model.launchProfile("core");
    for (int i = 0; i < 20; i++) {
      pass(Duration.ofMillis(200), model);
    }
    assertThat(model.members()).allMatch(n -> model.agent(n).healthy());
  }

  @Test
  void aStaleProcessHoldsThePortUntilItIsKilled() {
    UnifiedModel model = model();
    new UnifiedFaults(model)
        .inject("port_conflict", JSON.createObjectNode().put("agent", "MemoryClient"));
    model.restart("MemoryClient");
    pass(Duration.ofMillis(300), model);
    assertThat(model.agent("MemoryClient").lastError).contains("Address already in use");
    model.holders.clear();
    model.restart("MemoryClient");
    pass(Duration.ofMillis(300), model);
    assertThat(model.agent("MemoryClient").healthy()).isTrue();
  }

  @Test
  void aCorruptStateFileKeepsTheTwinDownUntilTheStateIsCleared() {
    UnifiedModel model = model();
    new UnifiedFaults(model).inject("state_corruption", JSON.createObjectNode());
    model.restart("SystemDigitalTwin");
    pass(Duration.ofMillis(300), model);
    assertThat(model.agent("SystemDigitalTwin").lastError).contains("JSONDecodeError");
    assertThatThrownBy(() -> model.clearState(true)).isInstanceOf(HttpError.class);
    model.stopAll(true);
    assertThat(model.clearState(true).path("deleted").size()).isEqualTo(2);
    assertThat(model.agent("SystemDigitalTwin").tail(10)).isEmpty();
    model.start("ServiceRegistry", "test");
    pass(Duration.ofMillis(200), model);
    model.start("SystemDigitalTwin", "test");
    pass(Duration.ofMillis(300), model);
    assertThat(model.agent("SystemDigitalTwin").healthy()).isTrue();
    assertThat(model.stateFiles.files()).containsExactly(StateFiles.TWIN);
  }
}
