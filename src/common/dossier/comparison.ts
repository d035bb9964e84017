/**
 * Whether a date stands as the term of a comparison rather than as the time of an event:
 * "tăng 2,5% so với cùng kỳ năm 2022", "giảm so với năm ngoái", "up 4% compared with 2022",
 * "year-on-year from 2022", "against the same period of 2022", "frente al mismo período de 2022".
 * Such a date says what a figure is measured against; nothing happened then, so it makes no
 * event. The marker must stand right before the date, with at most a few lowercase linking words
 * between ("cùng kỳ", "the same period of", "el mismo período de"), within the same sentence.
 */
const MARKER = [
  // Vietnamese
  'so\\s+với', 'so\\s+sánh\\s+với', 'so\\s+cùng\\s+kỳ', 'cùng\\s+kỳ', 'bằng\\s+cùng\\s+kỳ',
  // English
  'compared\\s+(?:with|to)', 'in\\s+comparison\\s+(?:with|to)', 'as\\s+against', 'against', 'versus', 'vs\\.?',
  'year[-\\s]on[-\\s]year\\s+(?:from|against|over)', 'from\\s+a\\s+year\\s+earlier\\s+in', 'than\\s+in', 'than',
  // Spanish
  'frente\\s+a(?:l)?', 'respecto\\s+(?:a|al|de|del)', 'en\\s+comparación\\s+con', 'comparad[oa]s?\\s+con', 'con\\s+relación\\s+a(?:l)?',
].join('|')

// Linking words allowed between the marker and the date: lowercase only, so a name never bridges.
const LINK = '(?:the|same|period|quarter|month|time|level|of|in|el|la|lo|mismo|misma|período|periodo|trimestre|mes|de|del|thời\\s+điểm|giai\\s+đoạn|mức|của|kỳ|cùng|quý|tháng)'

const BEFORE_DATE = new RegExp(`(?<![\\p{L}\\p{M}])(?:${MARKER})(?:\\s+${LINK}){0,5}\\s*$`, 'iu')

/** `before` is the text of the sentence up to the date expression. */
export function isComparisonTerm(before: string): boolean {
  return BEFORE_DATE.test(before.slice(-60))
}
