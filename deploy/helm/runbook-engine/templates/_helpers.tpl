{{/* The chart's name, truncated to what a Kubernetes name allows. */}}
{{- define "runbook-engine.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: <release>-<chart> unless the release name already holds the chart's. */}}
{{- define "runbook-engine.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "runbook-engine.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "runbook-engine.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: runbook-engine
{{- end }}

{{/* Selector labels of one role; call with (dict "root" $ "role" "starter"). */}}
{{- define "runbook-engine.selectorLabels" -}}
app.kubernetes.io/name: {{ include "runbook-engine.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "runbook-engine.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "runbook-engine.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "runbook-engine.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret names, defaulting to <fullname>-database and <fullname>-decision-key. */}}
{{- define "runbook-engine.databaseSecret" -}}
{{- default (printf "%s-database" (include "runbook-engine.fullname" .)) .Values.database.secretName }}
{{- end }}
{{- define "runbook-engine.decisionKeySecret" -}}
{{- default (printf "%s-decision-key" (include "runbook-engine.fullname" .)) .Values.decisionKey.secretName }}
{{- end }}

{{/* "true" when payload encryption is configured (a Secret, an active key and its id listed). */}}
{{- define "runbook-engine.codecEnabled" -}}
{{- if and .Values.codec.secretName .Values.codec.activeKey (has .Values.codec.activeKey .Values.codec.keys) }}true{{ end }}
{{- end }}

{{/* The ConfigMap of runbooks to mount, or nothing for the image's own catalog. */}}
{{- define "runbook-engine.runbooksConfigMap" -}}
{{- if .Values.runbooks.existingConfigMap }}
{{- .Values.runbooks.existingConfigMap }}
{{- else if .Values.runbooks.files }}
{{- printf "%s-runbooks" (include "runbook-engine.fullname" .) }}
{{- end }}
{{- end }}
