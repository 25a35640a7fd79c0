{{/*
The pod template of one role; call with (dict "root" $ "role" "starter"|"worker").
Both roles run the same image; the role is RUNBOOK_WORKER_ENABLED.
*/}}
{{- define "runbook-engine.podTemplate" -}}
{{- $root := .root -}}
{{- $role := .role -}}
{{- $v := $root.Values -}}
{{- $roleValues := index $v $role -}}
{{- $codec := include "runbook-engine.codecEnabled" $root -}}
{{- $codecServer := and (eq $role "starter") $codec $v.codec.server.enabled -}}
{{- $runbooks := include "runbook-engine.runbooksConfigMap" $root -}}
metadata:
  labels:
    {{- include "runbook-engine.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ $role }}
  annotations:
    checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    {{- with $roleValues.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "runbook-engine.serviceAccountName" $root }}
  automountServiceAccountToken: false
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: 60
  containers:
    - name: {{ $role }}
      image: {{ include "runbook-engine.image" $root | quote }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      securityContext:
        {{- toYaml $v.securityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        {{- if $codecServer }}
        - name: codec
          containerPort: {{ $v.codec.server.port }}
          protocol: TCP
        {{- end }}
      env:
        - name: RUNBOOK_WORKER_ENABLED
          value: {{ eq $role "worker" | quote }}
        - name: RUNBOOK_TEMPORAL_TARGET
          value: {{ $v.temporal.target | quote }}
        - name: RUNBOOK_TEMPORAL_NAMESPACE
          value: {{ $v.temporal.namespace | quote }}
        - name: RUNBOOK_TEMPORAL_SEARCH_ATTRIBUTES
          value: {{ $v.temporal.searchAttributes | quote }}
        {{- if $v.temporal.apiKey.secretName }}
        - name: RUNBOOK_TEMPORAL_API_KEY
          value: file:/etc/runbook/secrets/temporal/api-key
        {{- end }}
        {{- if $v.temporal.tls.enabled }}
        - name: RUNBOOK_TEMPORAL_TLS_ENABLED
          value: "true"
        {{- if and $v.temporal.tls.secretName $v.temporal.tls.caKey }}
        - name: RUNBOOK_TEMPORAL_TLS_CA_FILE
          value: /etc/runbook/secrets/temporal/ca.crt
        {{- end }}
        {{- if and $v.temporal.tls.secretName $v.temporal.tls.certKey $v.temporal.tls.keyKey }}
        - name: RUNBOOK_TEMPORAL_TLS_CERT_FILE
          value: /etc/runbook/secrets/temporal/tls.crt
        - name: RUNBOOK_TEMPORAL_TLS_KEY_FILE
          value: /etc/runbook/secrets/temporal/tls.key
        {{- end }}
        {{- with $v.temporal.tls.serverName }}
        - name: RUNBOOK_TEMPORAL_TLS_SERVER_NAME
          value: {{ . | quote }}
        {{- end }}
        {{- end }}
        {{- if eq $role "worker" }}
        {{- range $key, $value := $v.worker.tuning }}
        - name: {{ printf "RUNBOOK_TEMPORAL_WORKER_%s" ($key | upper | replace "-" "_") }}
          value: {{ $value | quote }}
        {{- end }}
        {{- end }}
        # DATABASE_URL and the codec keys are files named like their properties (config tree)
        - name: SPRING_CONFIG_IMPORT
          value: optional:configtree:/etc/runbook/config-tree/
        - name: SPRING_CONFIG_ADDITIONAL_LOCATION
          value: optional:file:/etc/runbook/config/
        - name: RUNBOOK_SECURITY_DECISION_KEY_FILE
          value: /etc/runbook/secrets/decision-key
        {{- if $codec }}
        - name: RUNBOOK_CODEC_ACTIVE_KEY
          value: {{ $v.codec.activeKey | quote }}
        {{- end }}
        {{- if $codecServer }}
        - name: RUNBOOK_CODEC_SERVER_PORT
          value: {{ $v.codec.server.port | quote }}
        - name: RUNBOOK_CODEC_SERVER_BIND_ADDRESS
          value: 0.0.0.0
        {{- with $v.codec.server.corsOrigins }}
        - name: RUNBOOK_CODEC_SERVER_CORS_ORIGINS
          value: {{ join "," . | quote }}
        {{- end }}
        {{- end }}
        {{- if $runbooks }}
        - name: RUNBOOK_CATALOG_DIR
          value: /etc/runbook/runbooks
        {{- end }}
        {{- with $v.javaToolOptions }}
        - name: JAVA_TOOL_OPTIONS
          value: {{ . | quote }}
        {{- end }}
        {{- with $v.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      startupProbe:
        httpGet: {path: /actuator/health/liveness, port: http}
        {{- toYaml $v.probes.startup | nindent 8 }}
      livenessProbe:
        httpGet: {path: /actuator/health/liveness, port: http}
        {{- toYaml $v.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet: {path: /actuator/health/readiness, port: http}
        {{- toYaml $v.probes.readiness | nindent 8 }}
      resources:
        {{- toYaml $roleValues.resources | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        - name: config
          mountPath: /etc/runbook/config
          readOnly: true
        - name: config-tree
          mountPath: /etc/runbook/config-tree
          readOnly: true
        - name: secrets
          mountPath: /etc/runbook/secrets
          readOnly: true
        {{- if $runbooks }}
        - name: runbooks
          mountPath: /etc/runbook/runbooks
          readOnly: true
        {{- end }}
        {{- with $v.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $v.tmpSizeLimit }}
    - name: config
      configMap:
        name: {{ include "runbook-engine.fullname" $root }}-config
    - name: config-tree
      projected:
        defaultMode: 0440
        sources:
          - secret:
              name: {{ include "runbook-engine.databaseSecret" $root }}
              items:
                - {key: {{ $v.database.key }}, path: DATABASE_URL}
          {{- if $codec }}
          - secret:
              name: {{ $v.codec.secretName }}
              items:
                {{- range $v.codec.keys }}
                - {key: {{ . }}, path: {{ printf "runbook.codec.keys.%s" . }}}
                {{- end }}
          {{- end }}
    - name: secrets
      projected:
        defaultMode: 0440
        sources:
          - secret:
              name: {{ include "runbook-engine.decisionKeySecret" $root }}
              items:
                - {key: {{ $v.decisionKey.key }}, path: decision-key}
          {{- if $v.temporal.apiKey.secretName }}
          - secret:
              name: {{ $v.temporal.apiKey.secretName }}
              items:
                - {key: {{ $v.temporal.apiKey.key }}, path: temporal/api-key}
          {{- end }}
          {{- if and $v.temporal.tls.enabled $v.temporal.tls.secretName }}
          - secret:
              name: {{ $v.temporal.tls.secretName }}
              items:
                {{- with $v.temporal.tls.caKey }}
                - {key: {{ . }}, path: temporal/ca.crt}
                {{- end }}
                {{- if and $v.temporal.tls.certKey $v.temporal.tls.keyKey }}
                - {key: {{ $v.temporal.tls.certKey }}, path: temporal/tls.crt}
                - {key: {{ $v.temporal.tls.keyKey }}, path: temporal/tls.key}
                {{- end }}
          {{- end }}
          {{- range $v.webhooks }}
          - secret:
              name: {{ .secretName }}
              items:
                - {key: {{ .key }}, path: {{ printf "webhooks/%s" .name }}}
          {{- end }}
    {{- if $runbooks }}
    - name: runbooks
      configMap:
        name: {{ $runbooks }}
    {{- end }}
    {{- with $v.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $roleValues.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $roleValues.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $roleValues.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $roleValues.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
