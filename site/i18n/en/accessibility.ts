import type { Messages } from '../fr.ts';

/** The accessibility statement (RGAA's model). */
export const accessibilityMessages: Pick<Messages, 'accessibility'> = {
  accessibility: {
    title: 'Accessibility statement',
    description:
      'How far the portal complies with RGAA 4, what is not accessible, whom to contact and the remedies.',
    states: { full: 'fully compliant', partial: 'partially compliant', none: 'not compliant' },
    commitment: (organisation: string): string =>
      `${organisation} is committed to making its digital services accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005.`,
    scope: (name: string): string => `This accessibility statement applies to the ${name} portal.`,
    stateHeading: 'Compliance status',
    state: (name: string, state: string): string =>
      `The ${name} portal is ${state} with the French accessibility framework (RGAA), version 4.`,
    declared:
      'This status is the one the organisation declares from its audit; guichet does not work it out.',
    resultsHeading: 'Test results',
    results: (rate: string, auditor: string | undefined, date: string | undefined): string =>
      `The compliance audit${auditor ? ` carried out by ${auditor}` : ''}${date ? ` on ${date}` : ''} found that ${rate}% of RGAA version 4 criteria are met.`,
    noAudit: 'No compliance audit has been carried out yet.',
    inaccessibleHeading: 'Non-accessible content',
    nonConformities: 'Non-conformities',
    noNonConformity: 'No non-conformity is declared.',
    derogations: 'Exemptions for disproportionate burden or exempt content',
    noDerogation: 'No exemption is declared.',
    establishedHeading: 'Preparation of this statement',
    established: (date: string): string => `This statement was prepared on ${date}.`,
    technologies: 'Technologies used: HTML5, CSS, JavaScript (optional for reading).',
    contactHeading: 'Feedback and contact',
    contactLead:
      'If you cannot access some content or a service, contact the portal’s managers to be directed to an accessible alternative or to get the content in another form.',
    contactEmail: 'Email: ',
    contactUrl: 'Contact form',
    noContact: 'No contact is declared yet: write to the team that publishes this portal.',
    remediesHeading: 'Remedies',
    remediesLead:
      'If you report an accessibility defect that prevents you from accessing content or a feature of the portal and get no answer from us, you are entitled to send your complaint or a referral to the Défenseur des droits:',
    remedyForm: 'Write a message to the Défenseur des droits',
    remedyDelegate: 'Contact the Défenseur des droits delegate in your region',
    remedyMail:
      'Send a letter by post (free, no stamp needed): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07',
  },
};
