/** The Vietnam-Peru political consultations sample (data/samples/01-…): the article these tests annotate. */
export const CONSULTATIONS = '87ac6e0b16b8'
