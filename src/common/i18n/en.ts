/**
 * The English message catalogue: the reference every other language must match key for key.
 *
 * Keys are dotted paths grouped by screen. Placeholders are written {name}. A message that
 * depends on a count has one key per plural category (`.one`, `.other`), chosen with
 * Intl.PluralRules for the active language.
 */
export const en = {
  'app.name': 'Briefing Desk',
  'app.loading': 'Opening your library…',

  'library.heading': 'Library',
  'library.listLabel': 'Articles in the library',
  'library.count.one': '{count} article',
  'library.count.other': '{count} articles',
  'library.empty.title': 'Your library is empty',
  'library.empty.body': 'Articles you import will appear here, ready to read, highlight and cite.',
  'library.error.title': 'The library could not be opened',
  'library.retry': 'Try again',
  'library.untitled': 'Untitled article',

  'library.actions': 'Library actions',
  'library.backup': 'Back up library…',
  'library.restore': 'Restore from backup…',
  'library.backupDone': 'Backup saved to {path} ({files} files).',
  'library.restoreDone': 'The library was restored from {path}.',
  'toast.dismiss': 'Dismiss',

  'reader.empty.title': 'No article open',
  'reader.empty.body': 'Choose an article from the library to read it here.',
  'reader.loading': 'Opening the article…',
  'reader.error.title': 'This article could not be opened',
  'reader.retry': 'Try again',
  'reader.source': 'Source',
  'reader.published': 'Published',
  'reader.language': 'Language',
  'reader.undated': 'Undated',
  'reader.unknownSource': 'Unknown source',
  'reader.articleLabel': 'Article text',

  'side.label': 'Highlights and briefs',
  'side.tab.annotations': 'Highlights',
  'side.tab.briefs': 'Briefs',
  'side.annotations.empty.title': 'No highlights yet',
  'side.annotations.empty.body':
    'Select a passage in the article to highlight it, add a note or tag it by theme.',
  'side.annotations.noArticle': 'Open an article to see its highlights.',
  'side.briefs.empty.title': 'No briefs yet',
  'side.briefs.empty.body': 'Briefs you compose from tagged passages will be listed here.',

  'settings.language': 'Language',
  'settings.language.en': 'English',
  'settings.language.vi': 'Tiếng Việt',

  'language.vi': 'Vietnamese',
  'language.en': 'English',
  'language.es': 'Spanish',
  'language.und': 'Unknown',

  'menu.file': 'File',
  'menu.edit': 'Edit',
  'menu.view': 'View',
  'menu.window': 'Window',
  'menu.help': 'Help',
  'menu.undo': 'Undo',
  'menu.redo': 'Redo',
  'menu.cut': 'Cut',
  'menu.copy': 'Copy',
  'menu.paste': 'Paste',
  'menu.selectAll': 'Select All',
  'menu.reload': 'Reload',
  'menu.toggleDevTools': 'Toggle Developer Tools',
  'menu.resetZoom': 'Actual Size',
  'menu.zoomIn': 'Zoom In',
  'menu.zoomOut': 'Zoom Out',
  'menu.toggleFullScreen': 'Toggle Full Screen',
  'menu.minimize': 'Minimize',
  'menu.zoom': 'Zoom',
  'menu.close': 'Close Window',
  'menu.quit': 'Quit Briefing Desk',
  'menu.backup': 'Back Up Library…',
  'menu.restore': 'Restore Library from Backup…',
  'menu.about': 'About Briefing Desk',
  'menu.hide': 'Hide Briefing Desk',
  'menu.hideOthers': 'Hide Others',
  'menu.showAll': 'Show All',
  'menu.front': 'Bring All to Front',

  'dialog.externalLink.title': 'Open link in your browser?',
  'dialog.externalLink.message': 'Briefing Desk is about to open this address outside the app:',
  'dialog.externalLink.open': 'Open in Browser',
  'dialog.externalLink.cancel': 'Cancel',
  'dialog.about.detail': 'Version {version}\nAn offline desk for preparing meeting briefs.',
  'dialog.ok': 'OK',

  'backup.dialog.title': 'Back Up Library',
  'backup.dialog.filter': 'Briefing Desk backups',
  'restore.dialog.title': 'Restore Library from Backup',
  'restore.confirm.title': 'Replace the library with this backup?',
  'restore.confirm.message': 'Everything in the library will be replaced by the content of {file}.',
  'restore.confirm.detail':
    'The backup was made on {date} and holds {files} files. A backup of the library as it is now is saved first, in the library’s backups folder.',
  'restore.confirm.ok': 'Replace Library',
  'restore.confirm.cancel': 'Cancel',

  'recovery.generation':
    '{file} was damaged ({damage}) and has been restored from the copy saved on {date}. Changes made after that are lost. The damaged file was kept as {kept}.',
  'recovery.rebuilt':
    'The library index was damaged ({damage}) and has been rebuilt from the articles; nothing is missing. The damaged file was kept as {kept}.',
  'recovery.rebuiltMissing': 'The library index was missing and has been rebuilt from the articles; nothing is missing.',
  'recovery.lost':
    '{file} was damaged ({damage}) and no earlier copy could be read: {what} could not be recovered. The damaged file was kept as {kept}.',
  'recovery.lostMissing': '{file} is missing from the library folder: {what} could not be recovered.',
  'recovery.damage.missing': 'it was missing',
  'recovery.damage.empty': 'it was empty',
  'recovery.damage.zero-filled': 'it was filled with zero bytes',
  'recovery.damage.truncated': 'it was cut short',
  'recovery.damage.not-json': 'it was not readable',
  'recovery.damage.invalid': 'its content did not match the expected format',
  'recovery.what.annotations': 'the highlights of “{title}”',
  'recovery.what.article': 'the text of “{title}”',
  'recovery.what.tags': 'the theme tags',
  'recovery.what.settings': 'your preferences',
  'recovery.what.briefing': 'a briefing',
  'recovery.what.unknown': 'part of the library',
  'recovery.title': 'The library was repaired',
  'recovery.dismiss': 'Dismiss',

  'error.api.unknownMethod': 'Unknown request “{method}”.',
  'error.api.invalidInput': 'The request “{method}” was refused: {reason}',
  'error.api.untrustedSender': 'A request from an untrusted page was refused.',
  'error.article.notFound': 'No article has the id “{id}”.',
  'error.library.unreadable': 'The library file {file} could not be read: {reason}',
  'error.library.invalid': 'The library file {file} is not valid: {reason}',
  'error.library.writeFailed': 'The library could not be saved to {file}: {reason}',
  'error.samples.unreadable': 'The sample article {file} could not be read: {reason}',
  'error.library.locked':
    'The library in {dir} is in use by {owner} since {since}. Close it, or wait for it to finish, and try again.',
  'error.library.newerVersion':
    'The library file {file} was written by a newer version of Briefing Desk (format {found}; this version reads up to {supported}). Update Briefing Desk to open it. The file was not changed.',
  'error.backup.notBackup': 'The file {file} is not a Briefing Desk backup.',
  'error.backup.incomplete': 'The backup {file} is incomplete: it was probably cut short while being copied.',
  'error.backup.altered': 'The backup {file} was changed or damaged after it was made: its content does not match its checksum.',
  'error.backup.badEntry': 'The backup {file} holds a damaged entry ({entry}).',
  'error.backup.newerVersion':
    'The backup {file} was made by a newer version of Briefing Desk (format {found}; this version reads up to {supported}). Nothing was restored.',
  'error.backup.writeFailed': 'The backup could not be written to {file}: {reason}',
  'error.article.lost':
    'The text of “{title}” is damaged and no earlier copy could be read. The damaged file was kept in the library folder as {kept}.',
  'error.search.unknownFilter': '“{filter}:” is not a search filter. Use tag:, source:, lang:, date:, after:, before:, has: or color:, or put the words in quotes to search for them.',
  'error.search.emptyFilter': 'The filter {filter}: needs a value, e.g. {filter}:something.',
  'error.search.badLanguage': '“{value}” is not a language code here; use one of {allowed}.',
  'error.search.badColor': '“{value}” is not a highlight colour; use one of {allowed}.',
  'error.search.badHas': 'has:{value} is not understood; use one of {allowed}.',
  'error.search.badDate': '“{value}” is not a date; write 2023, 2023-04, 2023-04-05 or a range such as 2023-01..2023-06.',
  'error.search.badDateRange': 'The date range “{value}” ends before it starts.',
  'error.search.tooLong': 'The query has too many words (at most {max}).',
  'error.internal': 'Something went wrong: {reason}',

  'start.browserFallback':
    'The Electron binary is not available (it is downloaded on first start, which needs internet). Opening Briefing Desk in Chromium instead.',
  'start.noDisplay': 'The Electron binary is not available and there is no display to open Chromium on.',

  'brief.md.marking': 'Marking',
  'brief.md.occasion': 'Occasion',
  'brief.md.date': 'Date',
  'brief.md.audience': 'Audience',
  'brief.md.keyFigures': 'Key figures',
  'brief.md.sources': 'Sources',
  'brief.md.figures.figure': 'Figure',
  'brief.md.figures.kind': 'Kind',
  'brief.md.figures.value': 'Value',
  'brief.md.figures.passage': 'Passage',
  'brief.md.orphan.label': 'Orphaned passage',
  'brief.md.orphan.explanation':
    'its highlight no longer matches the current text of the article; the passage is shown as it was when added to this brief.',
  'brief.figure.kind.amount': 'Amount',
  'brief.figure.kind.percent': 'Percentage',
  'brief.figure.kind.count': 'Count',
  'brief.figure.kind.date': 'Date',
  'brief.section.untitled': 'Untitled section',
  'brief.citation': '“{title}”, {source}, {date}, paragraph {paragraph}.',
  'brief.citation.undated': 'undated',
  'brief.citation.unknownSource': 'source unknown',
  'brief.citation.untitled': 'Untitled article',
  'brief.source': '“{title}”, {source}, {date}',
  'brief.source.notes.one': '(note {notes})',
  'brief.source.notes.other': '(notes {notes})',
  'brief.draft.title': 'Brief: {themes}',
  'brief.template.copyName': '{name} (copy)',
  'brief.template.error.invalid': 'The template {file} is not valid: {reason}',
  'brief.template.error.notFound': 'No template is called “{name}”.',

  'error.import.empty': 'The file {file} is empty.',
  'error.import.noText': 'The file {file} holds no article text (nothing is left but a title or page furniture).',
  'error.import.binary': 'The file {file} is not a text file: it contains binary data.',
  'error.import.unsupported': 'The file {file} is not in a format Briefing Desk can import ({extension}); supported: {supported}.',
  'error.import.tooLarge': 'The file {file} is too large to import ({size} MB; the limit is {limit} MB).',
  'error.import.notFound': 'The file {file} does not exist.',
  'error.import.permissionDenied': 'The file {file} cannot be read: permission denied.',
  'error.import.notAFile': '{file} is not a file.',
  'error.import.unreadable': 'The file {file} could not be read: {reason}',
  'error.import.unknownEncoding': 'The text encoding of {file} was not recognised (it is not UTF-8, UTF-16, Windows-1258 or Windows-1252 text).',
  'error.import.invalidUtf8': 'The file {file} is UTF-8 text with invalid bytes (the first at byte {offset}): it may be damaged.',
  'error.import.corrupt': 'The file {file} is damaged or is not a real {format} document ({reason}).',
  'error.import.noTextLayer': 'The PDF {file} has no text layer (it is probably a scanned image): run text recognition (OCR) on it first.',
  'error.import.encrypted': 'The PDF {file} is protected by a password: remove the password, then import it again.',
  'error.import.cancelled': 'The import of {file} was cancelled.',
  'error.import.pasteEmpty': 'The pasted content holds no article text.',

  'cli.usage':
    'Usage: briefing-desk [--data-dir DIR] COMMAND [ARGS] [--json]\n\nCommands:\n{commands}\n  help            show this help\n\nOptions:\n  --data-dir DIR  use the library in DIR (default: {defaultDir})\n  --json          print machine-readable JSON only',
  'cli.help.list': '  list            list the articles in the library',
  'cli.help.show': '  show ID         show one article',
  'cli.help.backup': '  backup --out FILE [--force]\n                  write the whole library to one backup file',
  'cli.help.restore': '  restore FILE    replace the library with a backup (the current one is backed up first)',
  'cli.error.unknownCommand': 'unknown command “{command}” (try “help”)',
  'cli.error.missingCommand': 'no command given (try “help”)',
  'cli.error.badFlag': '{reason}',
  'cli.error.missingArgument': '{command}: missing argument {argument}',
  'cli.error.extraArgument': '{command}: unexpected argument “{argument}”',
  'cli.warning': 'warning',
  'cli.error.missingOption': '{command}: missing option {option}',
  'cli.error.fileExists': '{file} already exists (add --force to replace it)',
  'cli.backup.done': 'Backup written to {file} ({files} files, {size}).',
  'cli.restore.done': 'Library restored from {file} ({files} files). Its previous content was backed up in {backups}.',
  'cli.list.empty': 'The library is empty.',
  'cli.list.count.one': '{count} article',
  'cli.list.count.other': '{count} articles',
  'cli.show.source': 'Source',
  'cli.show.published': 'Published',
  'cli.show.language': 'Language',
  'cli.show.id': 'Id',

  'view.label': 'Views',
  'view.library': 'Library',

  // ── import (issue 4) ──

  // ── reader and annotations (issue 5) ──

  // ── themes and search (issue 6) ──

  // ── briefs (issue 7) ──

  // ── security (issue 8) ──
} as const

export type MessageKey = keyof typeof en
