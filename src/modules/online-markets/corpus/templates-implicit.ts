import type { Template } from './templates-drug.ts';

/**
 * Round-three templates: ads and recruitment that name no substance or only slang and emoji codes
 * ("клад", "мефчик", ❄️💎), shop grammar ("витрина", "гарантия находа", "перезаклад", "отзывы"),
 * per-gram prices and district lists, in Russian, Kazakh, English and mixed script. `{slang}`,
 * `{slang_kk}`, `{slang_en}` and `{code}` are slang names and emoji codes (generate.ts). Written for
 * detection research only.
 */
export const IMPLICIT_AD_TEMPLATES: Template[] = [
  {
    id: 'ad3-ru-vitrina',
    lang: 'ru',
    category: 'ad-implicit',
    text: '{Витрина обновлена|Витрина пополнена|Наличие обновлено|Ассортимент пополнен} {✅|🔥|}. {Вес|Фасовка}: {0.5/1/2|1/2/3|0.3/0.5/1}. {Районы|Город}: {district}, {district}{, {district}|}. {Бот|Ссылка на бота|Заказ} {в шапке профиля|в закрепе|@{bot}}',
  },
  {
    id: 'ad3-ru-guarantee',
    lang: 'ru',
    category: 'ad-implicit',
    text: '{Гарантия находа|Находы 100%|Ненаходов нет} {уже {N} недель|за последний месяц|с открытия}. {Перезаклад бесплатно|Перезаклад за наш счёт|При ненаходе — перезаклад}. {Пишите в поддержку|Поддержка|Саппорт} @{handle}',
  },
  {
    id: 'ad3-ru-slang-price',
    lang: 'ru',
    category: 'ad-slang',
    text: '{slang} {w} — {price}, {slang} {w} — {price}. {Прикоп|Магнит|Тайник|Прикоп и магнит} {по {city}|в {district}|в черте города}. {Пиши|Стучи|Заказ} {@{handle}|в бот @{bot}}',
  },
  {
    id: 'ad3-ru-slang-chat',
    lang: 'ru',
    category: 'ad-slang',
    text: '{Кому {slang}?|Есть {slang}, кому надо?|{slang} завезли|Снова есть {slang}} {city}, {пишите в лс|пиши в личку|лс}{, цена {price} за {вес|грамм|1}|}{ 😉|)|}',
  },
  {
    id: 'ad3-ru-emoji-price',
    lang: 'ru',
    category: 'ad-emoji',
    text: '{📌 ПРАЙС|Прайс на сегодня|Цены}:\n{code} — {price}/г\n{code} — {price}/г\n{code} — {price}/г\n{Выдача|Клады|Адреса} {24/7|круглосуточно|с 10 до 02}. {Бот в описании|Пиши @{handle}|t.me/{bot}}',
  },
  {
    id: 'ad3-ru-emoji-short',
    lang: 'ru',
    category: 'ad-emoji',
    text: '{code}{code} {в наличии|есть|завоз} {code} {city} {🚀|⚡|}{ {moment}|} {@{handle}|бот @{bot}}',
  },
  {
    id: 'ad3-ru-otzyvy',
    lang: 'ru',
    category: 'ad-implicit',
    text: '{Отзывы покупателей|Что пишут клиенты|Ваши отзывы}: «{нашёл за {N} минут|всё на месте, спасибо|вес честный|качество огонь|лучший магаз в городе}», «{перезаклад дали без вопросов|оператор ответил сразу|адрес точный}». {Присоединяйся|Заходи|Ждём} {t.me/+{invite}|@{handle}|в бот @{bot}}',
  },
  {
    id: 'ad3-ru-moved',
    lang: 'ru',
    category: 'ad-implicit',
    text: '{Нас снесли|Старый бот забанили|Переехали|Канал заблокировали}{!|.} {Новый бот|Новый канал|Актуальная ссылка}: {@{bot}|t.me/+{invite}|t.me/{handle}}. {Цены прежние|Ассортимент тот же|Все адреса на месте}, {постоянникам скидка|бонус за переход|ждём своих}',
  },
  {
    id: 'ad3-ru-addresses',
    lang: 'ru',
    category: 'ad-stash',
    text: '{Рабочие адреса|Свежие адреса|Готовые адреса|Остатки} на {сегодня|вечер|ночь}: {district} ({w}), {district} ({w}), {district} ({w}). {Поднимайте, пока свежие|Успевай|Забирай после оплаты}. {Бот|Оператор} {@{bot}|@{handle}}',
  },
  {
    id: 'ad3-ru-quality-noname',
    lang: 'ru',
    category: 'ad-implicit',
    text: '{Качество|Чистота|Эффект} {как в Европе|90+|проверено лабой|без бадяги}. {Не бодяжим|Никакой химии сверху|Прямой поставщик}. {Кто пробовал — вернётся|Кто знает — тот знает|Кто понял — пишите}. {moment} {@{handle}|{domain}}',
  },
  {
    id: 'ad3-ru-mag',
    lang: 'ru',
    category: 'ad-implicit',
    text: '{Магаз|Шоп|Наш магаз} «{shop}» {снова работает|открылся в {city}|на связи 24/7}. {slang}, {slang}, {slang}. {Оплата|Принимаем} {каспи|на карту {card}|USDT {tron}|крипту}',
  },
  {
    id: 'ad3-ru-promo',
    lang: 'ru',
    category: 'ad-implicit',
    text: '{Акция|Только сегодня|Выходные}{!|:} {при заказе от 2|за 2 веса|от 3 грамм} — {+0.5 в подарок|скидка {percent}|третий бесплатно}. {slang} {и|,} {slang}. {Заказ только через бот|Без бота не продаём|Пиши в бот} @{bot}',
  },
  {
    id: 'ad3-ru-master',
    lang: 'ru',
    category: 'ad-wholesale',
    text: '{Мастер-клады|Оптовые клады|Крупный вес} от {10|20|50|100}г {по {city}|в {region}}. {Для своих цена ниже|Цена за вес в лс|Скидки постоянникам}. {Связь через|Только} {Session|Threema|@{handle}}',
  },
  {
    id: 'ad3-ru-night',
    lang: 'ru',
    category: 'ad-implicit',
    text: '{Не спится?|Скучный вечер?|Пятница!|Хочешь расслабиться?} {code} {рядом с тобой|уже в городе|ждёт тебя} — {moment}. {Пиши|Заказ|Жми} @{bot}',
  },
  {
    id: 'ad3-ru-pay-photo',
    lang: 'ru',
    category: 'ad-payment',
    text: '{Перевод|Оплата} на {Kaspi|карту|каспи голд} {card} {→|—|и} {через {N} минут фото точки|сразу координаты и фото|получаешь адрес с фото}. {Товар|Позиции}: {белый/синий/зелёный|{slang}/{slang}|{code}{code}{code}}',
  },
  {
    id: 'ad3-ru-rx-noname',
    lang: 'ru',
    category: 'ad-prescription',
    text: '{Таблетки|Капсулы|Капли} {от тревоги|для сна|«для настроения»|обезболивающие} {без рецепта|без вопросов про рецепт|рецепт не нужен}. {rx} {и другое|тоже есть|}. {Отправка по РК|Курьер или тайник|Анонимно}, {пишите лично|@{handle}}',
  },
  {
    id: 'ad3-ru-spaced',
    lang: 'ru',
    category: 'ad-slang',
    text: '{Лучшие|Свежие|Ровные} {к л а д ы|к-л-а-д-ы|кл@ды|з а к л а д к и} {на районе|по городу|в {city}}{,|.} {операторы на связи|поддержка 24/7|витрина каждый день}. {@{handle}|бот @{bot}}',
  },
  {
    id: 'ad3-kk-implicit',
    lang: 'kk',
    category: 'ad-implicit',
    text: '{Жаңа партия келді|Тауар бар|Витрина жаңартылды} {🔥|❄️|💎|}. {Салынған жерлер|Аудандар|Мекенжайлар}: {district}, {district}. {Табылмаса қайта саламыз|Кепілдік бар|Пікірлер арнада}. {Ботқа жаз|Жеке жазыңыз|Оператор}: @{bot}',
  },
  {
    id: 'ad3-kk-slang',
    lang: 'kk',
    category: 'ad-slang',
    text: '{slang_kk} {бар|сатылымда|келді}, {w} грамм {price}. {city_kk} {бойынша|қаласында}, {клад|закладка} {тәулік бойы|24/7}. {Төлем картаға|Kaspi арқылы төлем}, {мекенжай бірден|фото мен координат бірден}',
  },
  {
    id: 'ad3-kk-code',
    lang: 'kk',
    category: 'ad-emoji',
    text: '{code} {керек пе|бар|сапасы жоғары}? {city_kk}, {district}. {Бағасы туралы жеке жазыңыз|Бір салым {price}|Бір граммы {price}}. {@{handle}|Ботымыз: @{bot}}',
  },
  {
    id: 'ad3-en-implicit',
    lang: 'en',
    category: 'ad-implicit',
    text: '{Plug is back|Restocked|New batch landed} {🔌|🔥|} {slang_en} {&|and|+} {slang_en} in {city_en}. {Drops only, no meetups|Dead drops 24/7|Geo-tagged pickup}. {Re-drop if no find|Find guaranteed|Reviews in channel}. {DM @{handle}|Bot: @{bot}|Link in bio}',
  },
  {
    id: 'ad3-en-menu',
    lang: 'en',
    category: 'ad-menu',
    text: '{Menu|Prices|Today}: {code} {usd}/g, {code} {usd}/g, {code} {usd}/g. {Pay in USDT|Crypto only|BTC or USDT} {tron|}. {Pickup photo right after payment|Coordinates sent instantly}. @{bot}',
  },
  {
    id: 'ad3-mixed-translit',
    lang: 'mixed',
    category: 'ad-slang',
    text: '{Zakladki|Klady|Kladmen dostavit} {city_en} 24/7, {mef|kristally|shishki|gash|boshki|sol}{, {mef|kristally|shishki|gash}|}, {oplata na kartu|oplata kaspi|usdt}, {pishi v bot|bot v profile|operator v lichke} @{bot}',
  },
  {
    id: 'ad3-mixed-script',
    lang: 'mixed',
    category: 'ad-slang',
    text: '{Shop|Магаз} «{shop}» {code} — {клады|drops} {по {city}|in {city_en}}, {slang}/{slang_en}, {pay in USDT|оплата USDT|крипта}, {bot|бот}: @{bot}',
  },
  {
    id: 'ad3-ru-district-list',
    lang: 'ru',
    category: 'ad-stash',
    text: '{city}{:|,} {district} — {w}, {district} — {w}, {district} — {w}{. Остальное в боте|. Обновляем каждые 2 часа|}. {Оплата|Перевод} {каспи|на карту|USDT}, {после оплаты фото|координаты сразу}',
  },
  {
    id: 'ad3-ru-spots-left',
    lang: 'ru',
    category: 'ad-stash',
    text: '{Осталось|В наличии|Свободно} {N} {точек|адресов|кладов} {в {district}|по {district} и {district}}. {Вес|Фасовка} {w} и {w}. {Кто первый — того и тапки|Разбирайте|Успей до вечера} {🏃|⏳|}. {@{bot}|бот в профиле}',
  },
  {
    id: 'ad3-en-shipping',
    lang: 'en',
    category: 'ad-site',
    text: '{subst_en} {for sale|available|in stock}, {discreet|stealth|anonymous} {shipping|delivery} {across Kazakhstan|to {city_en}|nationwide}. {Visit|Shop|Order at}: {domain}',
  },
  {
    id: 'ad3-en-dm',
    lang: 'en',
    category: 'ad-chat',
    text: '{Anyone in {city_en} need|Who needs|Got} {slang_en}{?|!} {Hit me up|DM me|Text me} {@{handle}|on telegram}, {fair prices|good stuff|quick drops}{ 👀|}',
  },
  {
    id: 'ad3-en-pills',
    lang: 'en',
    category: 'ad-prescription',
    text: '{Tramadol|Pregabalin|Xanax|Zopiclone|Oxy} {no script|without a prescription|no rx needed}, {blister packs|{N} pills|strips}, {discreet shipping|dead drop or post|ships today}. {Telegram|Bot}: @{bot}',
  },
  {
    id: 'ad3-en-pay',
    lang: 'en',
    category: 'ad-payment',
    text: '{Pay|Send} {usd} {in USDT|to the wallet|BTC} {tron|btc}, {get the pin|coordinates and photo} {within minutes|instantly|right after}. {code} {code} {available|ready} in {city_en}',
  },
  {
    id: 'ad3-kk-list',
    lang: 'kk',
    category: 'ad-stash',
    text: '{city_kk}: {district} — {w}, {district} — {w}. {Төлегеннен кейін фото|Координат бірден|Мекенжай ботта}. {Бот|Оператор}: @{bot}',
  },
  {
    id: 'ad3-kk-chat',
    lang: 'kk',
    category: 'ad-chat',
    text: '{Кімге керек|Керек болса|Сұрағандарға} {slang_kk}? {Жеке жаз|Лс жаз|Хабарлас}, {бағасы жақсы|сапасы мықты|тез береміз}. {city_kk}',
  },
];

export const IMPLICIT_RECRUIT_TEMPLATES: Template[] = [
  {
    id: 'rec3-ru-easy-money',
    lang: 'ru',
    category: 'recruit-courier',
    text: '{Работа для смелых|Заработок для молодёжи 18+|Хочешь на новый айфон?|Деньги каждый день} {💸|💰|}. {ЗП от {money} в неделю|От {money} в неделю|{money} за неделю}, {опыт не нужен|без опыта|обучим}. {Работа на улице|Раскладка по городу|Фото мест и координаты}. {Депозит от 20к|Залог {money} или фото паспорта|Без залога только по паспорту}. @{handle}',
  },
  {
    id: 'rec3-ru-per-address',
    lang: 'ru',
    category: 'recruit-courier',
    text: '{Оплата за каждый адрес|{N}000 за адрес|Платим за каждую точку}, {выплаты в крипте|выплата после фотоотчёта|расчёт каждый день}. {Первые {N} адресов — обучение|Стажировка 3 дня|Старт сразу}. {Только телеграм|Никаких собеседований|Пиши «хочу работать»} @{handle}',
  },
  {
    id: 'rec3-ru-stencil',
    lang: 'ru',
    category: 'recruit-graffiti',
    text: '{Нужны|Ищем|Требуются} {трафаретчики|графитчики|райтеры|художники по стенам} {в {city}|по всему городу}. {Рисовать рекламу магаза|Наносить название шопа и ссылку|Тэги с нашим ботом} на {стенах|заборах|остановках}. {{N}00 за надпись|Оплата за фотоотчёт|1500 за штуку}',
  },
  {
    id: 'rec3-ru-chemist',
    lang: 'ru',
    category: 'recruit-chemist',
    text: '{Ищем химика|Нужен варщик|Требуется лаборант} {с опытом|со своими наработками|под проект}. {Лаборатория под ключ|Оборудование и реактивы наши|Помещение за городом}, {процент с партии|доля в деле|оплата за килограмм}. {Только серьёзные|Без лишних вопросов|Анонимность гарантируем}. {Session|@{handle}}',
  },
  {
    id: 'rec3-ru-drops',
    lang: 'ru',
    category: 'recruit-drops',
    text: '{Сдай карту в аренду|Куплю твою карту|Нужны дропы|Ищем людей с картами} {💳|} — {{money} в месяц|{percent} с каждого перевода|30к за карту} {пассивного дохода|без усилий|сразу}. {Kaspi|Halyk|Любой банк}{, с доступом к приложению|, с SIM-картой|}. {Пиши|Писать} @{handle}',
  },
  {
    id: 'rec3-ru-obnal',
    lang: 'ru',
    category: 'recruit-drops',
    text: '{Обнал|Перекид|Прокрутка} {любых сумм|по РК|быстро}. {Ищем людей|Нужны люди|Набор} {с картами|с верифицированными аккаунтами|с ИП}, {оплата сразу|{percent} твои|платим в день перевода}. {Всё законно 😉|Без рисков|Никто не узнает}. @{handle}',
  },
  {
    id: 'rec3-ru-warehouse',
    lang: 'ru',
    category: 'recruit-warehouse',
    text: '{Склад|Наш склад|Шоп} {ищет|набирает} {фасовщиков|склад-курьеров|мастер-кладменов}. {Работа с весами|Фасовка и крупные тайники|Объём от 100г}, {конфиденциальность обязательна|доверие после залога|залог обязателен}. {От {money}|ЗП {money}}. {Переезд оплачиваем|Город на выбор|Работа в {city}}',
  },
  {
    id: 'rec3-ru-operator',
    lang: 'ru',
    category: 'recruit-operator',
    text: '{Набор операторов|Нужен оператор|Ищем саппорта} в {онлайн-шоп|магаз|наш бот}: {общение с клиентами и выдача адресов|ответы покупателям, перезаклады|обработка заказов 24/7}. {{money} + бонусы|Оплата в USDT|Удалёнка}. @{handle}',
  },
  {
    id: 'rec3-ru-driver',
    lang: 'ru',
    category: 'recruit-driver',
    text: '{Нужен водитель|Ищем перевозчика|Вакансия: водитель} {между городами|{city} — {city}|по трассе}, {груз не проверять|вопросов не задавать|посылки без досмотра}, {{money} за рейс|500к за поездку|оплата наличными}. {Только свои|По рекомендации|@{handle}}',
  },
  {
    id: 'rec3-kk',
    lang: 'kk',
    category: 'recruit-courier',
    text: '{Жұмыс бар!|Жастарға жұмыс|Тез табыс} {Аптасына {money}|Күніне 30 мың|Күнде төлем}, {тәжірибе қажет емес|тәжірибесіз}. {Қаланы аралап, тауар салу|Фото түсіріп, координат жіберу|Закладка салу}. {Кепілақы 20 мың|Кепілақы бар|Тек Telegram арқылы}. @{handle}',
  },
  {
    id: 'rec3-kk-drops',
    lang: 'kk',
    category: 'recruit-drops',
    text: '{Картаңызды жалға беріңіз|Карта сатып аламыз|Картасы барлар керек}, {айына {money}|бірден {money}|әр аударымнан {percent}}. {Ешнәрсе істемейсіз|Қауіпсіз|Тек картаңыз керек}. @{handle}',
  },
  {
    id: 'rec3-en',
    lang: 'en',
    category: 'recruit-courier',
    text: '{Easy money|Quick cash|Side hustle} {💸|} {$1000 a week|$700/week|{money} weekly}, {no experience|no CV|flexible hours}. {Stash work|Drop runs|Photo + coordinates} in {city_en}. {Deposit required|Deposit or passport photo|Paid daily in USDT}. {DM @{handle}|Telegram only}',
  },
  {
    id: 'rec3-en-card',
    lang: 'en',
    category: 'recruit-drops',
    text: '{Rent out your bank card|Sell your verified account|Need card holders} for {passive income|{money} a month|quick cash}, {nothing to do|zero risk|paid upfront}. {Kaspi and Halyk accepted|Any bank|With app access}. @{handle}',
  },
  {
    id: 'rec3-mixed',
    lang: 'mixed',
    category: 'recruit-courier',
    text: '{Rabota|Podrabotka|Vakansiya} {kladmenom|kurierom v shop|minerom}, {ZP ot 300k v nedelyu|oplata kazhdyj den|vyplaty v USDT}, {bez opyta|obuchenie}, {zalog 20k|depozit|bez zaloga}. {Pishi|Pisat} @{handle}',
  },
  {
    id: 'rec3-en-runner',
    lang: 'en',
    category: 'recruit-courier',
    text: '{Hiring|Looking for|Need} {runners|drop makers|stash couriers} in {city_en}. {Paid per drop|{usd} per spot|Weekly pay in USDT}, {training included|no experience|start today}. {Deposit required|Passport photo required|Trusted only}. @{handle}',
  },
  {
    id: 'rec3-en-graffiti',
    lang: 'en',
    category: 'recruit-graffiti',
    text: '{Need|Hiring} {stencil artists|taggers|people to paint} {our shop name|the bot handle|our ads} on {walls|fences|bus stops} in {city_en}. {Pay per photo|{usd} per tag|Daily payouts}',
  },
  {
    id: 'rec3-kk-chemist',
    lang: 'kk',
    category: 'recruit-chemist',
    text: '{Химик керек|Зертханаға адам керек|Тәжірибелі химик іздейміз}, {табыс жоғары|партиядан пайыз|құрал-жабдық біздікі}. {Тек сенімді адамдар|Жеке хабарласыңыз|Сұрақсыз}. @{handle}',
  },
];
