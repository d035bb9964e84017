/**
 * The names of the methods the UI may call. Kept apart from the contract (api.ts) so that the
 * sandboxed preload can build `window.api` from this list without bundling the input schemas.
 * api.ts declares one entry per name; TypeScript fails if the two disagree.
 */
export const apiMethodNames = [
  'appInfo',
  'listArticles',
  'listArticleColumns',
  'getArticle',
  'addSampleArticles',
  'getSettings',
  'updateSettings',
  'libraryStatus',
  'backupLibrary',
  'restoreLibrary',
  'listTags',
  'getAnnotations',

  // ── import (issue 4) ──
  'importChoose',
  'importDropped',
  'importPaste',
  'importStatus',
  'importCancel',
  'updateArticleMetadata',
  'undoCleaningStep',
  'redoCleaningStep',
  'articlePageImage',

  // ── reader and annotations (issue 5) ──
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotations',
  'restoreAnnotations',
  'editArticleText',
  'exportAnnotations',
  'importAnnotations',

  // ── themes and search (issue 6) ──
  'createTag',
  'updateTag',
  'mergeTags',
  'deleteTag',
  'tagAnnotations',
  'restoreTagState',
  'themeOverview',
  'themePassages',
  'themePassageLayout',
  'themePassagePage',
  'tagThemePassages',
  'suggestTags',
  'autoTagArticle',
  'acceptProposals',
  'search',
  'exportTaxonomy',
  'importTaxonomy',

  // ── briefs (issue 7) ──
  'listBriefs',
  'getBrief',
  'createBrief',
  'updateBrief',
  'deleteBrief',
  'restoreBrief',
  'listTemplates',
  'duplicateTemplate',
  'saveTemplate',
  'deleteTemplate',
  'listMarkings',
  'passagesOfArticle',
  'passagesOfTheme',
  'refreshBrief',
  'exportBrief',

  // ── security (issue 8) ──

  // ── dossier in the library (issue 17) ──
  'dossierPeople',
  'dossierPeoplePage',
  'dossierPerson',
  'dossierOrganisations',
  'dossierOrganisation',
  'dossierTimeline',
  'decidePerson',
  'decideOrganisation',

  // ── team library (issue 16) ──
  'teamStatus',
  'teamConnect',
  'teamDisconnect',
  'teamSyncLog',
  'teamResolveConflict',
] as const

export type ApiMethodName = (typeof apiMethodNames)[number]

export function isApiMethodName(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && (apiMethodNames as readonly string[]).includes(name)
}

/** The IPC channel that carries one method. Only electron/ uses it. */
export function ipcChannel(name: ApiMethodName): string {
  return `api:${name}`
}
