-- The engine's own database (alert inbox, deliveries, maintenance windows), beside Temporal's.
CREATE DATABASE runbooks;
