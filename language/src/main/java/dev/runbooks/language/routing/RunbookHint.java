package dev.runbooks.language.routing;

/**
 * What the router made of an alert's {@code runbook_url} annotation ({@link RunbookUrl}): the
 * runbook it names and whether it chose the route. The hint is used only when no runbook's trigger
 * matches the alert; it then stands in for the alert name: the first trigger of the named runbook
 * whose other conditions (source, labels, {@code when}) hold routes the alert.
 *
 * @param url the annotation as received
 * @param runbook the runbook it names, or null when it names none
 * @param used whether it routed the alert
 * @param reason in words, why it was used or not
 */
public record RunbookHint(String url, String runbook, boolean used, String reason) {}
