package dev.runbooks.testbed.unified;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unified system's startup configuration ({@code config/unified_startup_phase2.yaml} in the
 * seed): its 77 agents (24 essential, 53 optional) with ports, dependencies, memory and load times,
 * and the deployment profiles. Load times are the seed's scaled down about tenfold (the core
 * profile starts in seconds rather than a minute) so that tests stay quick.
 */
public final class AgentCatalog {

  /**
   * One deployment profile ({@code profiles/<name>.yaml}).
   *
   * @param name core, vision, learning, tutoring or full
   * @param agents the agents the launcher starts, in catalog order
   * @param memoryMb the memory the seed budgets for the profile
   * @param expectedSeconds how long the seed says its startup takes
   * @param description what the profile is for
   */
  public record Profile(
      String name, List<String> agents, int memoryMb, int expectedSeconds, String description) {}

  // name, service port, health port, group, E(ssential)/O(ptional), memory MiB, VRAM MiB,
  // load ms, dependencies (comma-separated, - for none).
  private static final String AGENTS =
      """
      ServiceRegistry              7200 8200 infrastructure E  48    0 200 -
      SystemDigitalTwin            7220 8220 infrastructure E  96    0 300 ServiceRegistry
      ObservabilityHub             9000 9001 infrastructure E 128    0 300 ServiceRegistry
      LazyLoader                   7202 8202 infrastructure E  64    0 200 ServiceRegistry,SystemDigitalTwin
      RequestCoordinator           7201 8201 coordination   E  96    0 300 SystemDigitalTwin
      ModelManagerSuite            7211 8211 coordination   E 256    0 800 SystemDigitalTwin
      VRAMOptimizerAgent           5572 6572 coordination   E  64    0 300 ModelManagerSuite,RequestCoordinator,SystemDigitalTwin
      MemoryClient                 5713 6713 memory         E  64    0 200 SystemDigitalTwin
      SessionMemoryAgent           5574 6574 memory         E  96    0 300 RequestCoordinator,SystemDigitalTwin,MemoryClient
      KnowledgeBase                5715 6715 memory         E 128    0 400 MemoryClient,SystemDigitalTwin
      AudioCapture                 6550 7550 speech         E  48    0 200 SystemDigitalTwin
      FusedAudioPreprocessor       6551 7551 speech         E  64    0 200 AudioCapture
      WakeWordDetector             6552 7552 speech         E  64    0 200 FusedAudioPreprocessor
      StreamingSpeechRecognition   6553 7553 speech         E 160 1024 600 FusedAudioPreprocessor,ModelManagerSuite
      StreamingTTSAgent            5562 6562 speech         E 128  512 500 ModelManagerSuite
      StreamingInterruptHandler    5576 6576 speech         E  48    0 200 StreamingSpeechRecognition,StreamingTTSAgent
      MemoryOrchestratorService    7140 8140 pc2-core       E 128    0 300 ServiceRegistry,SystemDigitalTwin
      ResourceManager              7113 8113 pc2-core       E  64    0 200 SystemDigitalTwin
      CacheManager                 7102 8102 pc2-core       E  96    0 200 MemoryOrchestratorService
      TieredResponder              7100 8100 pc2-core       E  96    0 300 ResourceManager
      AsyncProcessor               7101 8101 pc2-core       E  64    0 200 ResourceManager
      ContextManager               7111 8111 pc2-core       E  96    0 200 MemoryOrchestratorService
      UnifiedMemoryReasoningAgent  7105 8105 pc2-core       E 128    0 400 MemoryOrchestratorService,CacheManager
      ExperienceTracker            7112 8112 pc2-core       E  64    0 200 MemoryOrchestratorService
      FaceRecognitionAgent         5610 6610 vision         O 192  512 700 RequestCoordinator,ModelManagerSuite,SystemDigitalTwin
      VisionProcessingAgent        7150 8150 vision         O 192  768 700 ModelManagerSuite,SystemDigitalTwin
      HumanAwarenessAgent          5705 6705 vision         O  96    0 300 FaceRecognitionAgent,SystemDigitalTwin
      MoodTrackerAgent             5704 6704 vision         O  64    0 200 FaceRecognitionAgent,SystemDigitalTwin
      LearningOrchestrationService 7210 8210 learning       O 128    0 400 ModelManagerSuite,SystemDigitalTwin
      SelfTrainingOrchestrator     5660 6660 learning       O 128    0 400 LearningOrchestrationService
      LocalFineTunerAgent          5642 6642 learning       O 256  768 800 SelfTrainingOrchestrator,SystemDigitalTwin
      LearningOpportunityDetector  7212 8212 learning       O  96    0 300 LearningOrchestrationService,MemoryClient
      LearningManager              5580 6580 learning       O  96    0 300 LearningOrchestrationService,MemoryClient
      ActiveLearningMonitor        5638 6638 learning       O  64    0 200 LearningManager
      TutorAgent                   7108 8108 tutoring       O  96    0 300 MemoryOrchestratorService
      TutoringAgent                7131 8131 tutoring       O  96    0 300 TutorAgent,ContextManager
      TutoringServiceAgent         7130 8130 tutoring       O  64    0 200 TutoringAgent
      ProactiveContextMonitor      7119 8119 tutoring       O  64    0 200 ContextManager
      ChainOfThoughtAgent          5612 6612 reasoning      O 160    0 500 ModelManagerSuite,SystemDigitalTwin
      GoTToTAgent                  5646 6646 reasoning      O 160    0 500 ModelManagerSuite,SystemDigitalTwin,ChainOfThoughtAgent
      CognitiveModelAgent          5641 6641 reasoning      O 128    0 400 ChainOfThoughtAgent,SystemDigitalTwin
      NLUAgent                     5709 6709 language       O  96    0 300 SystemDigitalTwin
      IntentionValidatorAgent      5701 6701 language       O  64    0 200 RequestCoordinator,SystemDigitalTwin
      CodeGenerator                5650 6650 utility        O 160    0 500 SystemDigitalTwin,ModelManagerSuite
      AdvancedCommandHandler       5710 6710 language       O  64    0 200 NLUAgent,CodeGenerator
      ChitchatAgent                5711 6711 language       O  96    0 300 NLUAgent,ModelManagerSuite
      FeedbackHandler              5636 6636 language       O  48    0 200 NLUAgent
      Responder                    5637 6637 language       O  96    0 300 NLUAgent,StreamingTTSAgent
      TranslationService           5595 6595 language       O 128    0 400 SystemDigitalTwin
      DynamicIdentityAgent         5802 6802 language       O  64    0 200 RequestCoordinator
      EmotionSynthesisAgent        5706 6706 language       O  64    0 200 RequestCoordinator,ModelManagerSuite
      GoalManager                  7205 8205 language       O  96    0 300 RequestCoordinator,MemoryClient
      ModelOrchestrator            7213 8213 language       O 128    0 400 RequestCoordinator,ModelManagerSuite
      Executor                     5606 6606 utility        O  64    0 200 CodeGenerator
      PredictiveHealthMonitor      5613 6613 utility        O  64    0 200 SystemDigitalTwin
      TinyLlamaServiceEnhanced     5615 6615 utility        O 192  640 600 ModelManagerSuite
      NLLBAdapter                  5581 6581 utility        O 192  896 600 SystemDigitalTwin
      FixedStreamingTranslation    5584 6584 utility        O  96    0 300 ModelManagerSuite
      PredictiveLoader             5617 6617 utility        O  64    0 200 RequestCoordinator,SystemDigitalTwin
      EmotionEngine                5590 6590 emotion        O  96    0 300 SystemDigitalTwin
      EmpathyAgent                 5703 6703 emotion        O  64    0 200 EmotionEngine,StreamingTTSAgent
      ToneDetector                 5625 6625 emotion        O  64    0 200 StreamingSpeechRecognition
      VoiceProfilingAgent          5708 6708 emotion        O  64    0 200 StreamingSpeechRecognition
      ProactiveAgent               5624 6624 emotion        O  64    0 200 RequestCoordinator
      STTService                   5800 6800 audio          O 128  512 500 ModelManagerSuite
      TTSService                   5801 6801 audio          O 128  512 500 ModelManagerSuite
      StreamingLanguageAnalyzer    5579 6579 audio          O  64    0 200 StreamingSpeechRecognition
      UnifiedUtilsAgent            7118 8118 pc2-optional   O  48    0 200 ServiceRegistry
      AgentTrustScorer             7122 8122 pc2-optional   O  48    0 200 ServiceRegistry
      DreamWorldAgent              7104 8104 pc2-optional   O 128    0 400 MemoryOrchestratorService
      DreamingModeAgent            7127 8127 pc2-optional   O  64    0 200 DreamWorldAgent
      FileSystemAssistantAgent     7123 8123 pc2-optional   O  64    0 200 UnifiedUtilsAgent
      UnifiedWebAgent              7126 8126 pc2-optional   O 128    0 400 FileSystemAssistantAgent,MemoryOrchestratorService
      AuthenticationAgent          7116 8116 pc2-optional   O  48    0 200 UnifiedUtilsAgent
      TaskScheduler                7115 8115 pc2-optional   O  64    0 200 AsyncProcessor
      AdvancedRouter               7129 8129 pc2-optional   O  64    0 200 TaskScheduler
      RemoteConnectorAgent         7124 8124 pc2-optional   O  64    0 200 AdvancedRouter
      """;

  /** What kind of task needs which optional agent (the RequestCoordinator's routing). */
  public static final Map<String, String> TASK_AGENTS =
      Map.ofEntries(
          Map.entry("vision", "VisionProcessingAgent"),
          Map.entry("face", "FaceRecognitionAgent"),
          Map.entry("reasoning", "GoTToTAgent"),
          Map.entry("code", "CodeGenerator"),
          Map.entry("translation", "TranslationService"),
          Map.entry("tutoring", "TutoringServiceAgent"),
          Map.entry("chitchat", "ChitchatAgent"),
          Map.entry("emotion", "EmotionEngine"),
          Map.entry("learning", "LearningManager"),
          Map.entry("web", "UnifiedWebAgent"));

  private final Map<String, AgentSpec> agents = new LinkedHashMap<>();
  private final Map<String, Profile> profiles = new LinkedHashMap<>();

  /** The catalog as the seed's configuration defines it. */
  public AgentCatalog() {
    for (String line : AGENTS.strip().split("\n")) {
      String[] f = line.trim().split("\\s+");
      List<String> deps = f[8].equals("-") ? List.of() : List.of(f[8].split(","));
      agents.put(
          f[0],
          new AgentSpec(
              f[0],
              Integer.parseInt(f[1]),
              Integer.parseInt(f[2]),
              f[3],
              f[4].equals("E"),
              Integer.parseInt(f[5]),
              Integer.parseInt(f[6]),
              Integer.parseInt(f[7]),
              deps));
    }
    List<String> core = names(a -> a.essential() && !a.group().equals("pc2-core"));
    List<String> essential = names(AgentSpec::essential);
    profile("core", core, 2048, 60, "Minimal: the 16 essential MainPC agents");
    profile(
        "vision", plus(core, group("vision")), 4096, 90, "Core plus face and vision processing");
    profile(
        "learning", plus(essential, group("learning")), 6144, 120, "Core, PC2 core and learning");
    profile(
        "tutoring", plus(essential, group("tutoring")), 4096, 110, "Core, PC2 core and tutoring");
    profile("full", names(a -> true), 8192, 180, "All 77 agents");
  }

  private void profile(String name, List<String> list, int memoryMb, int seconds, String text) {
    profiles.put(name, new Profile(name, List.copyOf(list), memoryMb, seconds, text));
  }

  private List<String> names(java.util.function.Predicate<AgentSpec> filter) {
    return agents.values().stream().filter(filter).map(AgentSpec::name).toList();
  }

  private List<String> group(String group) {
    return names(a -> a.group().equals(group));
  }

  private static List<String> plus(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Every agent, in catalog order. */
  public Map<String, AgentSpec> agents() {
    return Collections.unmodifiableMap(agents);
  }

  /** An agent by name. */
  public AgentSpec agent(String name) {
    AgentSpec spec = agents.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("unknown agent '" + name + "'");
    }
    return spec;
  }

  /** Every profile by name. */
  public Map<String, Profile> profiles() {
    return Collections.unmodifiableMap(profiles);
  }

  /** A profile by name, or null. */
  public Profile profile(String name) {
    return profiles.get(name);
  }

  /**
   * The agents of a profile grouped in start phases: each agent comes in the phase after the last
   * of its dependencies, so the agents of one phase may start together once every earlier phase is
   * healthy.
   */
  public List<List<String>> phases(List<String> members) {
    Map<String, Integer> level = new LinkedHashMap<>();
    Set<String> set = new LinkedHashSet<>(members);
    for (String name : members) {
      level(name, set, level, new LinkedHashSet<>());
    }
    int max = level.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    List<List<String>> phases = new ArrayList<>();
    for (int i = 0; i <= max; i++) {
      int phase = i;
      phases.add(members.stream().filter(n -> level.get(n) == phase).toList());
    }
    return phases;
  }

  private int level(
      String name, Set<String> members, Map<String, Integer> level, Set<String> path) {
    Integer known = level.get(name);
    if (known != null) {
      return known;
    }
    if (!path.add(name)) {
      throw new IllegalStateException("dependency cycle through " + path);
    }
    int mine = 0;
    for (String dep : agent(name).dependencies()) {
      if (!members.contains(dep)) {
        throw new IllegalStateException(name + " depends on " + dep + ", not in the profile");
      }
      mine = Math.max(mine, level(dep, members, level, path) + 1);
    }
    level.put(name, mine);
    return mine;
  }

  /** The agents that depend on this one directly. */
  public List<String> dependents(String name) {
    return names(a -> a.dependencies().contains(name));
  }

  /** Profile names, for messages. */
  public String profileNames() {
    return String.join(", ", profiles.keySet());
  }
}
