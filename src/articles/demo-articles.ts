import type { ArticleImportDto } from './dto/article-import.dto';

// Demo data loaded on first start with an empty database. The first article is the real
// one the project started from (shared/seed), without its page furniture; the others are
// invented, clearly fictional stand-ins so the queue has more than one article.
export const DEMO_ARTICLES: ArticleImportDto[] = [
  {
    url: 'https://freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/',
    slug: 'russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks',
    title: 'Russia, Ukraine resume peace talks in Istanbul amid escalating air attacks',
    byline: 'Peculiar Adirika',
    authorEmail: 'peculiar.adirika@freelanews.com',
    section: 'World',
    publishedAt: '2025-06-02T10:15:00Z',
    body: 'Russia and Ukraine hold a second round of peace talks in Istanbul amid overnight air attacks. Kyiv seeks a full ceasefire and security guarantees, while Moscow demands territorial concessions and limits on Ukraine’s military\n\nRussia and Ukraine have commenced a second round of direct peace talks in Istanbul today, Monday, June 2, 2025, even as both nations reported significant overnight air attacks leading up to the negotiations.\n\nThe Ukrainian delegation arrived in the Turkish city, despite earlier indications from Kyiv that it might not participate, following limited progress in last month’s initial talks focused primarily on a prisoner swap.\n\nRussian negotiators also confirmed their arrival in Istanbul, where both Kyiv and Moscow, reportedly under pressure from the United States, are expected to present their respective memorandums on peace terms.\n\nThe first round of talks concluded with only a prisoner exchange agreement, with Ukraine previously complaining of “unacceptable and unrealistic demands” from Russia.\n\nRussia has been reluctant to share its memorandum with Kyiv in advance. However, Vladimir Medinsky, Moscow’s lead negotiator and presidential adviser, was quoted by the TASS news agency as stating that the Kremlin had received Ukraine’s proposal.\n\nAccording to Reuters, Kyiv has put forward a roadmap for lasting peace that includes no restrictions on its military strength and no international recognition of Russian sovereignty over parts of Ukraine – conditions that Moscow has consistently sought to impose.\n\nUkraine’s primary demands for a peace agreement, as reiterated by President Volodymyr Zelenskyy, include a “full and unconditional ceasefire,” the release of all prisoners, and the return of abducted children.\n\nZelenskyy has also called for a direct meeting with Russian President Vladimir Putin, though the Kremlin has maintained such a meeting would only occur after the delegations reach broader agreements.\n\nFirst – a full and unconditional ceasefire. Second – the release of prisoners. Third – the return of abducted children.\n\nAs their delegations arrived in Turkiye, Ukrainian officials were actively coordinating with European allies, who are striving to bolster support for Kyiv amid ongoing uncertainty surrounding the commitment of the United States under President Donald Trump.\n\nAhead of the direct meeting with Russian representatives, the Ukrainian delegation met with representatives from Germany, Italy, and the United Kingdom.\n\nConcurrently, President Zelenskyy arrived in the Lithuanian capital, Vilnius, for a summit with leaders of NATO’s eastern and Nordic members, who remain among Kyiv’s staunchest backers against the Russian invasion.\n\n“If Ukraine is not present at the NATO summit, it will be a victory for Putin, but not over Ukraine, but over NATO,” Zelenskyy remarked last week, emphasizing the importance of security guarantees from the Western military alliance in the event of a ceasefire or peace deal – a demand Moscow has labelled “unacceptable.”\n\nMeanwhile, Russia continues to insist that any ceasefire agreement must address the “root causes” of the conflict, consistently referring to demands such as limiting Ukraine’s military capabilities, banning Ukraine from joining NATO, and agreeing to significant territorial concessions, including recognition of its annexation of Crimea and other Ukrainian regions.\n\nThe resumption of talks follows a night of intense bombardments from both sides. Russia’s Ministry of Defence reported on Monday that its air defence units had “intercepted and destroyed” 162 Ukrainian drones, predominantly over bordering regions, including 57 over the Kursk region and 31 over the Belgorod region.\n\nThis came a day after Ukraine carried out what it described as one of its biggest and most successful attacks on Russian soil, reportedly hitting dozens of strategic bombers in Siberia and other military bases.\n\nUkraine, in turn, reported that Russia had targeted its territory with 80 drones overnight, striking 12 targets. Oleksandr Prokudin, the Governor of Kherson, confirmed on Telegram that artillery fire had killed a 40-year-old man in the Korabelny district and injured a five-year-old child, who is now receiving medical supervision.',
    aliases: ['https://freelanews.com/istanbul-peace-talks/', 'https://m.freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/'],
    publicInterest: false,
    origin: 'staff',
  },
  {
    url: 'https://freelanews.com/2025/05/28/mogadishu-helicopter-crash-ausom-leaves-multiple-feared-dead/',
    title: 'Mogadishu helicopter crash AUSOM leaves multiple feared dead in fiery airport tragedy',
    byline: 'Freelanews Desk',
    authorEmail: 'desk@freelanews.com',
    section: 'Africa',
    publishedAt: '2025-05-28T16:40:00Z',
    body:
      'A helicopter operated for the African Union Support and Stabilisation Mission in Somalia (AUSOM) crashed while landing at Aden Adde International Airport in Mogadishu, triggering an emergency response.\n\n' +
      'Witnesses described a fire on the runway shortly after the aircraft touched down. Emergency crews reached the site within minutes.\n\n' +
      'Officials said several people were feared dead and that an investigation into the cause of the crash had begun.',
    aliases: ['https://freelanews.com/mogadishu-helicopter-crash-ausom/'],
    publicInterest: false,
    origin: 'syndicated',
    licensor: 'Horn Wire Service (fictional)',
  },
  {
    url: 'https://freelanews.com/2025/05/30/russian-overnight-strikes-wound-over-30-in-ukraine-following-minerals-deal/',
    title: 'Russian overnight strikes wound over 30 in Ukraine following minerals deal',
    byline: 'Peculiar Adirika',
    authorEmail: 'peculiar.adirika@freelanews.com',
    section: 'World',
    publishedAt: '2025-05-30T07:05:00Z',
    body:
      'Russian drones and missiles struck several Ukrainian cities overnight, wounding more than 30 people, regional officials said.\n\n' +
      "The attacks came days after Kyiv and Washington signed an agreement on the joint development of Ukraine's mineral resources.",
    aliases: [],
    publicInterest: false,
  },
  {
    url: 'https://freelanews.com/2025/06/01/heirs-insurance-essay-competition-opens-for-secondary-school-students/',
    title: 'Heirs Insurance essay competition opens for secondary school students',
    byline: 'Ada Contributor (freelance)',
    authorEmail: 'ada.contributor@example.org',
    section: 'Business',
    publishedAt: '2025-06-01T12:00:00Z',
    body:
      'An essay competition for secondary school students has opened for entries, with prizes for the three best essays on financial literacy.\n\n' +
      'Entries close at the end of the month; winners will be announced in a ceremony in Lagos.',
    aliases: [],
    publicInterest: false,
    origin: 'contributor',
  },
  {
    url: 'https://freelanews.com/2025/06/03/nato-eastern-flank-leaders-meet-in-vilnius/',
    title: "NATO's eastern flank leaders meet in Vilnius as Zelenskyy seeks security guarantees",
    byline: 'Freelanews Desk',
    authorEmail: 'desk@freelanews.com',
    section: 'World',
    publishedAt: '2025-06-03T09:30:00Z',
    body:
      "Leaders of NATO's eastern and Nordic members met in Vilnius, where President Volodymyr Zelenskyy pressed for security guarantees ahead of the alliance summit.\n\n" +
      'The leaders discussed air defence, defence spending and support for Ukraine.',
    aliases: [],
    publicInterest: true,
  },
];
