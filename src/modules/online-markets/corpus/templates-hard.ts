import type { Template } from './templates-drug.ts';

/**
 * Round-three hard negatives: benign posts that share the words or the shape of drug ads and
 * recruitment — delivery and warehouse jobs, shops with bots and "24/7", pharmacies that ask for a
 * prescription, police releases quoting ads, prevention, rehab, harm reduction, recipes with salt,
 * garden cones, crystals and snow, crypto news, card-rental warnings, parent chats.
 */
export const HARD_NEGATIVE_TEMPLATES: Template[] = [
  {
    id: 'b3-job-food-courier',
    lang: 'ru',
    category: 'job-delivery',
    text: '{Требуются курьеры|Ищем курьеров|Набор курьеров} в {службу доставки еды|доставку продуктов|сервис доставки} {в {city}|}. {Пеший, вело или авто|Свой велосипед или самокат|На своём авто}. {Оплата ежедневно|Выплаты каждый день|Выплаты раз в неделю}, {официальное трудоустройство|договор ГПХ|соцпакет}. {Заявка через бот @{bbot}|Звоните {phone}|Анкета на сайте {bdomain}}',
  },
  {
    id: 'b3-job-docs-courier',
    lang: 'ru',
    category: 'job-delivery',
    text: '{Курьер для доставки документов|Курьер-экспедитор|Курьер в аптечную сеть} {по {city}|по области}, {график 5/2|смены 2/2|полный день}, {ЗП {money}|оклад {money} + бензин|{money} в месяц}. {Официально|Трудовой договор|Медосмотр за счёт компании}. {Резюме на почту|Звонить {phone}|Пишите @{bhandle}}',
  },
  {
    id: 'b3-job-warehouse',
    lang: 'ru',
    category: 'job-warehouse',
    text: '{Склад|Распределительный центр|Фулфилмент} {маркетплейса|интернет-магазина одежды|сети магазинов} {ищет|набирает} {комплектовщиков|кладовщиков|упаковщиков}. {Работа с ТСД|Сборка заказов|Приёмка товара}, {обучение|без опыта}, {ЗП {money}|от {money}}, {официальное оформление|вахта 15/15|смены день/ночь}',
  },
  {
    id: 'b3-job-merch',
    lang: 'ru',
    category: 'job-other',
    text: '{Мерчендайзер|Промоутер|Оператор колл-центра|Водитель категории C} {в {city}|}: {раскладка товара на полках|раздача листовок|приём звонков|междугородние рейсы}, {официально|{money}|график свободный}. {Опыт не обязателен|Обучение|Возраст 18+}. {Звоните {phone}|Пишите @{bhandle}}',
  },
  {
    id: 'b3-job-vahta',
    lang: 'ru',
    category: 'job-other',
    text: '{Работа с ЗП от {money}|Вахта|Высокая зарплата}: {сварщики|монтажники|разнорабочие|водители} {на завод|в Атырау|на месторождение}, {проживание и питание|вахта 15/15|официально}, {без обмана|по трудовому договору}. {phone}',
  },
  {
    id: 'b3-pharmacy',
    lang: 'ru',
    category: 'pharmacy',
    text: '{Аптека «{name}»|Сеть аптек «{name}»|Наша аптека}: {rx} {отпускается|продаётся} {строго по рецепту|только по рецепту врача|по электронному рецепту}. {Предъявите рецепт|Без рецепта не отпускаем|Консультация фармацевта бесплатно}. {Доставка лекарств по {city}|Работаем 24/7|Бронь через бот @{bbot}}',
  },
  {
    id: 'b3-pharmacy-info',
    lang: 'ru',
    category: 'medical-info',
    text: '{rx} {назначается|применяется} {при нейропатической боли|при эпилепсии|в офтальмологии|при бессоннице}. {Самолечение опасно|Принимайте только по назначению|Не превышайте дозу}. {Отпуск по рецепту|Рецептурный препарат}. {Вопросы — фармацевту|Горячая линия минздрава 1406}',
  },
  {
    id: 'b3-police-quote',
    lang: 'ru',
    category: 'news-police',
    text: '{Пресс-служба ДП {city}|Полиция {city}|МВД}: {в городе появились надписи|в соцсетях распространяют объявления|подросткам пишут} «{работа курьером, 300к в неделю|клады 24/7|гарантия находа}». {Это вербовка в наркобизнес|Это реклама наркошопа|Это уголовная статья}. {Сообщайте через приложение|Звоните 102|Напишите в бот @polisia_{bhandle}}',
  },
  {
    id: 'b3-police-bust',
    lang: 'ru',
    category: 'news-police',
    text: '{Задержан оператор|Накрыли интернет-магазин|Пресечена деятельность шопа} {«{shop}»|наркошопа}{ в {city}|}. {Изъято|Обнаружено} {N} {свёртков|кг|закладок}, {заблокировано {N} каналов|задержаны {N} курьера|арестованы счета}. {Магазин рекламировал «{slang}» в Telegram|Шоп работал через бота}. {Идёт следствие|Возбуждено дело}',
  },
  {
    id: 'b3-prevention',
    lang: 'ru',
    category: 'prevention',
    text: '{Родителям на заметку|Памятка для родителей|Внимание, родители}: {объявления «лёгкая работа, ЗП каждый день»|слова «клад», «меф», «соль» в переписке|незнакомые пополнения карты} — {повод поговорить с ребёнком|признак вербовки|тревожный сигнал}. {Телефон доверия 111|Консультация психолога бесплатно|Подробнее на {bdomain}}',
  },
  {
    id: 'b3-rehab',
    lang: 'ru',
    category: 'rehab',
    text: '{Реабилитационный центр|Центр помощи|Фонд} «{name}»: {помощь зависимым от солей и мефедрона|лечение зависимости|поддержка семей}. {Анонимно|Бесплатная консультация|Круглосуточно}. {Звоните {phone}|Пишите @{bhandle}|Горячая линия 8 800 080 88 88}',
  },
  {
    id: 'b3-harm',
    lang: 'ru',
    category: 'harm-reduction',
    text: '{Снижение вреда|Программа снижения вреда|Фонд «{name}»}: {бесплатные тест-полоски|налоксон|консультации равных}, {анонимно|без регистрации}. {Передозировка — звоните 103|Если друг не дышит — налоксон и 103}. {Адрес пункта в профиле|Пишите @{bhandle}}',
  },
  {
    id: 'b3-recipe-salt',
    lang: 'ru',
    category: 'recipe',
    text: '{Рецепт|Готовим}: {рыба в соляной корке|засолка огурцов|куриные крылья в соли}. {Крупная соль|Морская соль|Соль 2 ст. л.}, {перец|укроп|чеснок}, {{N} минут в духовке|на ночь в холодильник|3 дня под гнётом}. {Приятного аппетита!|Сохраняйте рецепт|Больше рецептов в канале @{bhandle}}',
  },
  {
    id: 'b3-garden-cones',
    lang: 'ru',
    category: 'garden',
    text: '{Продаю|Куплю|В наличии} {шишки еловые|шишки кедровые|хмелевые шишки|семена и рассаду} {для декора|оптом|для пивоварения|для дачи}, {мешок {price}|{w} кг — {price}|цена договорная}. {Самовывоз {district}|Доставка по {city}|Пишите в ватсап {phone}}',
  },
  {
    id: 'b3-crystals-snow',
    lang: 'ru',
    category: 'shop-lookalike',
    text: '{❄️|💎|🍬|🍫} {Кристаллы Сваровски|Соляные лампы|Сладости ручной работы|Сноуборды напрокат|Горячий шоколад} {в наличии|со скидкой|к празднику}{!|.} {Магазин в ТРЦ|Доставка по {city}|Заказ через бот @{bbot}}, {24/7|с 10 до 22|без выходных}',
  },
  {
    id: 'b3-shop-bot',
    lang: 'ru',
    category: 'shop-lookalike',
    text: '{Новая поставка|Обновили витрину|Снова в наличии} {кроссовок|цветов|пиццы|электроники}{!|.} {Размеры 36–45|Доставка за 60 минут|Гарантия и возврат}. {Отзывы в канале|Скидка постоянным клиентам {percent}|Оплата Kaspi}. {Бот @{bbot}|Пишите @{bhandle}|Сайт {bdomain}}',
  },
  {
    id: 'b3-crypto-news',
    lang: 'ru',
    category: 'crypto-news',
    text: '{Курс биткоина|BTC|Эфир|USDT} {обновил максимум|упал на {percent}|стабилен}{.|,} {Аналитики ждут коррекции|Биржи фиксируют приток|Регулятор готовит новые правила}. {Не храните крипту на биржах|Это не инвестиционный совет|Подробнее на {bdomain}}',
  },
  {
    id: 'b3-card-warning',
    lang: 'ru',
    category: 'bank-warning',
    text: '{Банк предупреждает|АФМ напоминает|Полиция предупреждает}: {не сдавайте карту в аренду|не продавайте свой аккаунт|не передавайте карту третьим лицам}. {Дропперов привлекают к ответственности|Это схема отмывания денег|Вас используют для обнала}. {Сообщите в банк|Звоните {phone}|Подробнее на {bdomain}}',
  },
  {
    id: 'b3-parents-chat',
    lang: 'ru',
    category: 'chat',
    text: '{Чат родителей {N}Б|Родительский чат|Мамы {district}}: {завтра экскурсия|собрание в 18:00|сдаём на подарок учителю|кто заберёт детей с тренировки}? {Возьмите воду и перекус|Переводите на карту {card}|Напишите в лс|Автобус в 8:30 у школы}',
  },
  {
    id: 'b3-lecture',
    lang: 'ru',
    category: 'prevention',
    text: '{Лекция|Урок|Тренинг} «{Как распознать рекламу наркошопа|Соли и мефедрон: чем опасны|Работа курьером: где ловушка}» {для старшеклассников|для учителей|для родителей} {в пятницу|в актовом зале|онлайн}. {Ведёт нарколог|Ведёт инспектор ПДН|Регистрация @{bbot}}',
  },
  {
    id: 'b3-kk-news',
    lang: 'kk',
    category: 'news-police',
    text: '{city_kk} {полициясы|қаласында} {есірткі дүкенінің курьерін ұстады|закладкашыны ұстады|есірткі сататын арнаны бұғаттады}. {Одан {N} закладка табылды|{N} сайт бұғатталды|Қылмыстық іс қозғалды}. {Ата-аналар, балаларыңызды қадағалаңыз|Күдікті хабарландыруларды 102-ге хабарлаңыз}',
  },
  {
    id: 'b3-kk-job',
    lang: 'kk',
    category: 'job-delivery',
    text: '{Тамақ жеткізу қызметіне|Дүкенге|Дәріханаға} {курьерлер|жүргізушілер|сатушылар} керек, {ресми жұмыс|күн сайын төлем|әлеуметтік пакет}, {жалақы {money}|кесте 5/2}. {Хабарласыңыз {phone}|Ботқа жазыңыз @{bbot}}',
  },
  {
    id: 'b3-kk-pharm-prev',
    lang: 'kk',
    category: 'prevention',
    text: '{Дәріхана|Дәрігер кеңесі|Ата-аналарға ескерту}: {rx} {тек рецептпен беріледі|рецептсіз қабылдамаңыз}. {Есірткіге тәуелділерге көмек орталығы — тегін және жасырын|Картаңызды жалға бермеңіз, бұл қылмыс|Сенім телефоны 111}',
  },
  {
    id: 'b3-kk-shop',
    lang: 'kk',
    category: 'shop-lookalike',
    text: '{Дүкен 24/7 жұмыс істейді|Жаңа тауар келді|Жеңілдік {percent}}: {нан, сүт, жемістер|кристалл ыдыстар|қысқы киім|балалар ойыншықтары}. {Жеткізу бар|Тапсырыс ботта @{bbot}|Kaspi арқылы төлем}',
  },
  {
    id: 'b3-en-news',
    lang: 'en',
    category: 'news-police',
    text: '{Police in {city_en}|Investigators|Cyber police} {arrested a courier of an online drug shop|shut down a Telegram drug channel|seized {N} kg of synthetic drugs}. {The shop advertised "dead drops 24/7"|Ads promised "$1000 a week" to teens}. {Report such ads via the app|The case is under investigation}',
  },
  {
    id: 'b3-en-jobs',
    lang: 'en',
    category: 'job-delivery',
    text: '{Now hiring|We are hiring|Join us}: {delivery riders|warehouse packers|night shift couriers for medical samples} in {city_en}. {Official contract|Daily payouts|Flexible schedule}, {own bike required|training provided|licensed company}. {Apply at {bdomain}|Call {phone}}',
  },
  {
    id: 'b3-en-prev',
    lang: 'en',
    category: 'prevention',
    text: '{Harm reduction|Recovery is possible|Parents, talk to your teens}: {free naloxone and test strips|confidential rehab support|job offers promising $1000 a week recruit drug runners}. {Visit {bdomain}|Call our hotline {phone}|Share this post}',
  },
  {
    id: 'b3-en-lookalike',
    lang: 'en',
    category: 'shop-lookalike',
    text: '{Candy store 🍬|Snow day ❄️|Crystal healing 💎|Pine cones for crafts 🌲} {open 24/7|this Sunday|bag of 50}, {delivery via our bot @{bbot}|free local pickup|bring your own stones}. {Reviews in channel|Prices from {usd}}',
  },
  {
    id: 'b3-mixed',
    lang: 'mixed',
    category: 'job-delivery',
    text: '{Dostavka edy|Vakansiya kurera|Policija {city_en}} {24/7|po {city_en}}, {kurery nuzhny, oplata ezhednevno|oficialno, ZP {money}|zaderzhala zakladchika, izyato {N} svertkov}. {Pishite @{bhandle}|{phone}}',
  },
  {
    id: 'b3-en-pharmacy',
    lang: 'en',
    category: 'pharmacy',
    text: "{Pharmacy notice|Our pharmacy|Clinic pharmacy}: {tramadol|pregabalin|zopiclone|codeine} {is dispensed only with a prescription|requires a valid prescription|needs a doctor's prescription}. {Order online and pick up with your prescription|Ask our pharmacist|Delivery across {city_en}}",
  },
  {
    id: 'b3-en-shop-delivery',
    lang: 'en',
    category: 'shop-lookalike',
    text: '{Fresh flowers|Handmade candles|Coffee beans|Phone cases} {in stock|restocked|for sale}, {discreet packaging|fast delivery|free shipping} {across Kazakhstan|in {city_en}}. {Order at {bdomain}|DM @{bhandle}|Bot: @{bbot}}',
  },
  {
    id: 'b3-en-news2',
    lang: 'en',
    category: 'news-court',
    text: '{A court in {city_en}|Judges|Prosecutors} {sentenced|charged} {the admin of a drug shop bot|a stash courier|the owner of a darknet store} {to {N} years|with trafficking}. {The shop sold mephedrone via dead drops|Recruits were promised $1000 a week|Payments went to rented bank cards}',
  },
  {
    id: 'b3-ru-district-delivery',
    lang: 'ru',
    category: 'shop-lookalike',
    text: '{Доставка воды|Доставка продуктов|Вывоз мусора|Клининг} {city}: {district} — {сегодня|с 9 до 13}, {district} — {завтра|с 14 до 18}, {district} — {по записи|в субботу}. {Заказ через бот @{bbot}|Звоните {phone}}',
  },
  {
    id: 'b3-kk-police',
    lang: 'kk',
    category: 'prevention',
    text: '{Полиция ескертеді|Ата-аналарға|Мектеп психологы}: {«аптасына 300 мың» деген жұмыс ұсыныстары|«закладка», «меф» деген сөздер|картаны жалға беру} — {есірткі бизнесіне тарту|қауіпті белгі|қылмыс}. {102-ге хабарлаңыз|Балаңызбен сөйлесіңіз|Сенім телефоны 111}',
  },
];
