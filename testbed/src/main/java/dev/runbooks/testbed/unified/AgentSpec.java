package dev.runbooks.testbed.unified;

import java.util.List;

/**
 * One agent of the unified system as its startup configuration describes it.
 *
 * @param name the agent's name, such as {@code ModelManagerSuite}
 * @param port the agent's service port in the seed's layout
 * @param healthPort the port of its health endpoint in the seed's layout
 * @param group the functional group, such as {@code infrastructure} or {@code speech}
 * @param essential whether the agent is essential ({@code required="true"}: always running in the
 *     profiles that include it) rather than optional (loaded on demand by the LazyLoader)
 * @param memoryMb the resident memory of a healthy agent, in MiB
 * @param vramMb the GPU memory the agent holds while running, in MiB (the ModelManagerSuite's
 *     models are counted separately)
 * @param loadMillis how long the agent takes from start to healthy (the seed's times, scaled down)
 * @param dependencies the agents that must be healthy before this one may start
 */
public record AgentSpec(
    String name,
    int port,
    int healthPort,
    String group,
    boolean essential,
    int memoryMb,
    int vramMb,
    int loadMillis,
    List<String> dependencies) {}
