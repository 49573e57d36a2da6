/**
 * Small pieces shared by the adapters of providers with their own wire format: filling a call target from the
 * environment, refusing or dropping parameters a provider lacks, joining URLs, reading data URLs and stop lists.
 * Pure functions; no I/O.
 */
package dev.tollgate.providers.translate;
