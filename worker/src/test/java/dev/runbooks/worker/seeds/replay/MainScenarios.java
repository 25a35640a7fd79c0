package dev.runbooks.worker.seeds.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main scenario of every shipped runbook: the seed test method whose run of that runbook is
 * recorded as its replay history. Each is the runbook's normal path on the testbed (the fault it
 * exists for, approvals granted, the fix verified). The two examples have no seed test; {@link
 * RecordShippedRunbooksTest} drives them itself ({@link #OWN}).
 */
final class MainScenarios {
  /** Runbooks the recorder drives itself rather than through a seed test. */
  static final String OWN = "own";

  private static final String SEEDS = "dev.runbooks.worker.seeds.";

  /**
   * Examples recorded without the testbed, by {@code ExampleRunbooksRecordTest} in the workflows
   * module (canned answers for the systems they probe and change).
   */
  static final java.util.Set<String> RECORDED_ELSEWHERE =
      java.util.Set.of("tls-expiry-check", "api-latency-remediation");

  /** Runbook name to "test class#method" (class relative to the seeds package) or {@link #OWN}. */
  static final Map<String, String> BY_RUNBOOK = new LinkedHashMap<>();

  static {
    seed("hello-http", OWN);
    seed("disk-cleanup-approval", OWN);

    seed(
        "jarvis-circuit-breaker-open",
        "jarvis.JarvisCircuitBreakerOpenTest#memoryPressureIsRelievedAndTheResetSticks");
    seed(
        "jarvis-daily-health-check",
        "jarvis.JarvisScheduledChecksTest#theDailyCheckSendsItsWarningsToEngineeringInOneMessage");
    seed(
        "jarvis-database-connection-failed",
        "jarvis.JarvisDatabaseConnectionFailedTest#aLockIsWaitedForAndTheImessageCircuitResetOnceItIsReleased");
    seed(
        "jarvis-full-recovery",
        "jarvis.JarvisFullRecoveryTest#aHungJarvisIsRecoveredWithOnlyTheApprovedDestructiveSteps");
    seed(
        "jarvis-high-memory",
        "jarvis.JarvisHighMemoryTest#criticalMemoryGetsTheEmergencyResponseAndLeavesEmergencyModeAfterwards");
    seed(
        "jarvis-rate-limit-exceeded",
        "jarvis.JarvisRateLimitExceededTest#legitimateTrafficGetsTemporarilyRaisedLimits");
    seed(
        "jarvis-task-queue-backlog",
        "jarvis.JarvisTaskQueueBacklogTest#stuckWorkersAreRestartedAndStaleAndFailedTasksCleared");
    seed(
        "jarvis-weekly-maintenance",
        "jarvis.JarvisScheduledChecksTest#theWeeklyMaintenanceClearsWhatIsOlderThanAWeek");

    seed(
        "juggernaut-api-rate-limiting",
        "juggernaut.JuggernautApiRateLimitingTest#halvedBudgetsLetTheResetBreakerStayClosedAndStuckTasksGoToTheDlq");
    seed(
        "juggernaut-circuit-breaker",
        "juggernaut.JuggernautCircuitBreakerTest#breakerOfARecoveredProviderIsResetAndStaysClosed");
    seed(
        "juggernaut-database-connection",
        "juggernaut.JuggernautDatabaseConnectionTest#exhaustedPoolIsResetByOneRestartAndVerified");
    seed(
        "juggernaut-dlq-triage",
        "juggernaut.JuggernautDlqTriageTest#transientItemsAreRetriedOnceAndPersistentOnesResolvedWithTheApproversNote");
    seed(
        "juggernaut-memory-long-running",
        "juggernaut.JuggernautMemoryTest#runawayTaskIsTerminatedWithApprovalAndTheRestartGivesTheMemoryBack");
    seed(
        "juggernaut-verify",
        "juggernaut.JuggernautVerifyTest#healthyServiceRunsTheTestTaskToCompletion");
    seed(
        "juggernaut-watchdog",
        "juggernaut.JuggernautWatchdogTest#crashedWatchdogIsRestartedAndItsHeartbeatRecordedAgain");

    seed(
        "miniminimoon-cpu-throttling-full",
        "miniminimoon.MiniminimoonCpuThrottlingTest#saturatedCpuRecoversWithOneWorkerAndSmallBatchesAndEngineeringHearsOfTheHeat");
    seed(
        "miniminimoon-cpu-throttling-partial",
        "miniminimoon.MiniminimoonCpuThrottlingTest#heavyLoadGetsTheMiddleRowOfTheAdaptiveTable");
    seed(
        "miniminimoon-disk-full-full",
        "miniminimoon.MiniminimoonDiskFullTest#fullDiskIsFreedByTheEmergencyCleanupOfRealFilesAndTheModelsAreDownloadedAgain");
    seed(
        "miniminimoon-disk-full-partial",
        "miniminimoon.MiniminimoonDiskFullTest#almostFullDiskIsCleanedInPriorityOrderAndStopsOnceFifteenPercentIsFree");
    seed(
        "miniminimoon-network-failure-full",
        "miniminimoon.MiniminimoonNetworkFailureTest#outageOfTheNetworkServiceEndsWithARestartAndTheRunReturnsOnline");
    seed(
        "miniminimoon-network-failure-partial",
        "miniminimoon.MiniminimoonNetworkFailureTest#packetLossIsHandledInHybridModeAndTheRunReturnsOnlineOnceTheNetworkIsStable");
    seed(
        "miniminimoon-triage",
        "miniminimoon.MiniminimoonTriageTest#criticalNetworkOutageRunsTheFullNetworkRunbook");

    seed("razar-dependency-audit", "razar.RazarDependencyAuditTest#cleanAuditResolvesAndIsLogged");
    seed(
        "razar-downtime-patch",
        "razar.RazarDowntimePatchTest#shutdownPatchResumeCycleIsRecordedInRecoveryState");
    seed(
        "razar-failure-recovery",
        "razar.RazarFailureRecoveryTest#brokenEnvironmentIsRebuiltAndTheFullSequenceRerun");
    seed(
        "razar-heartbeat-loss",
        "razar.RazarHeartbeatLossTest#hungComponentIsRestartedOnceAndItsHeartbeatStays");
    seed(
        "razar-quarantine-restore",
        "razar.RazarHeartbeatLossTest#restartLoopEndsInQuarantineAndAPageThenAnApprovedRestoreLiftsBoth");
    seed(
        "razar-startup",
        "razar.RazarStartupTest#freshBootRemovesTheStateAndStartsEveryComponentByPriority");

    seed(
        "unified-circuit-breaker-open",
        "unified.UnifiedCircuitBreakerOpenTest#theFailingServiceIsRestartedAndTheResetBreakerStaysClosed");
    seed(
        "unified-complete-recovery",
        "unified.UnifiedCompleteRecoveryTest#anApprovedRecoveryClearsTheStateAndStartsTheCoreProfile");
    seed(
        "unified-daily-health-check",
        "unified.UnifiedDailyHealthCheckTest#aDiskFullOfLogsIsFixedByRotatingThem");
    seed(
        "unified-essential-agent-down",
        "unified.UnifiedEssentialAgentDownTest#aCrashedAgentIsRestartedOnceAndIsHealthyAgain");
    seed(
        "unified-high-memory-usage",
        "unified.UnifiedHighMemoryUsageTest#aLeakingAgentIsRestartedAndStopsGrowing");
    seed(
        "unified-restart-agent",
        "unified.UnifiedRestartAgentTest#anUnhealthyDependencyIsBroughtBackFirst");
    seed(
        "unified-rollback",
        "unified.UnifiedRollbackTest#anApprovedRollbackRestoresTheBackupAndRestartsTheProfile");
    seed(
        "unified-slow-agent-loading",
        "unified.UnifiedSlowAgentLoadingTest#anEssentialDependencyThatIsDownIsRestarted");
    seed(
        "unified-startup",
        "unified.UnifiedStartupTest#startsTheVisionProfileInDependencyOrderEachAgentOnce");
    seed(
        "unified-switch-profile",
        "unified.UnifiedStartupTest#switchingProfilesStopsTheRunningOneFirst");
    seed(
        "unified-system-hang",
        "unified.UnifiedSystemHangTest#aHangIsCapturedForceStoppedAndRestartedOnTheCoreProfile");
    seed(
        "unified-vram-exhaustion",
        "unified.UnifiedVramExhaustionTest#aForcedCleanupFreesCachedVram");
  }

  private MainScenarios() {}

  private static void seed(String runbook, String scenario) {
    BY_RUNBOOK.put(runbook, scenario.equals(OWN) ? OWN : SEEDS + scenario);
  }
}
